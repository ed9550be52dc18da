"""What the real-browser scripts share: a headless Debian Chromium, page text, and form submission that waits for the
next page."""
import os

os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def browser(javascript=True):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1100,1400", "--lang=id"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    return driver


def text(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def submit(driver, form):
    """Submits a form and waits for the next page, so the next lookup never finds the old one."""
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 20).until(lambda _: is_gone(form))


def is_gone(element):
    """True once the element's page has been replaced. Chromium reports an element caught mid-navigation either as
    stale or, when the old document is half torn down, as a node that "does not belong to the document"; both mean
    the page has moved on."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in (error.msg or ""):
            return True
        raise


def value_after(label, page):
    lines = [line.strip() for line in page.splitlines()]
    for index, line in enumerate(lines):
        if line.startswith(label) and index + 1 < len(lines):
            rest = line[len(label):].strip()
            return rest or lines[index + 1]
    return None


def open_case(admin, at, receipt, nip):
    """The admin finds the report in the triage queue and opens a case about `nip` for alat peraga; returns the case's address."""
    admin.get(at + "/kasus/laporan")
    admin.find_element(By.XPATH, f"//tr[contains(., '{receipt}')]//a").click()
    verify = admin.find_element(By.XPATH, "//form[contains(@action, '/verifikasi')]")
    if not verify.find_elements(By.CSS_SELECTOR, "input[name='perilaku[]']:checked"):
        verify.find_element(By.CSS_SELECTOR, "input[name='perilaku[]'][value='alat_peraga']").click()
    # Nobody is chosen for the admin: they pick the reported person among the candidates themselves.
    verify.find_element(By.CSS_SELECTOR, f"input[name='nip'][value='{nip}']").click()
    submit(admin, verify)
    return admin.current_url
