import Foundation

#if FUZZING
/// Built with `swift build --product netra-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING`. SwiftPM
/// links an executable's entry point under its own name, so that entry hands control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.selected.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

@_cdecl("netra_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runFuzzerDriver(&count, &vector, fuzzOne)
}
#else
/// Without libFuzzer: runs the target over the files given (a corpus, or a crash to reproduce).
@main
struct ReplayCorpus {
    static func main() throws {
        let files = CommandLine.arguments.dropFirst().flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
            return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
        }
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            bytes.withUnsafeBufferPointer { FuzzTarget.selected.run($0) }
        }
        print("\(FuzzTarget.selected.rawValue): \(files.count) inputs, no property broken")
    }
}
#endif
