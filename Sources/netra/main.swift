print("netra")
