"""Erkend's pages in a real browser: Chromium through Selenium against a running `erkend serve --demo`.

    python3 Tests/Browser/flows.py http://127.0.0.1:8080 [--screenshots Docs/screenshots]

The flows of issue 11 (a designer, a committee member, a learner), axe-core on every page visited
(no serious or critical violations), and a crawl per role (no broken link, every page has a title).
Exits 1 with the list of failures, 0 when all pass. Run by Tests/EndToEndTests/BrowserTests.swift.
"""
import argparse
import http.client
import os
import re
import sys
import urllib.parse
from html.parser import HTMLParser

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

PASSWORD = "erkend-demo-2026"
failures = []
checked_axe = set()


def fail(message):
    failures.append(message)
    print("FAIL:", message, flush=True)


def browser(width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("ERKEND_CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}",
                     "--lang=nl-NL"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "nl-NL,nl"})
    service = Service(executable_path=os.environ.get("ERKEND_CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    return driver


def wait(driver, condition, seconds=15):
    return WebDriverWait(driver, seconds).until(condition)


def accessible(driver, what):
    """axe-core on the current page: no serious or critical violations."""
    key = (driver.current_url.split("?")[0], what)
    if key in checked_axe:
        return
    checked_axe.add(key)
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    for violation in results["violations"]:
        if violation.get("impact") in ("serious", "critical"):
            targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
            fail(f"axe on {driver.current_url} ({what}): {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")


def sign_in(driver, base, username):
    driver.get(base + "/sign-in")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    accessible(driver, "sign-in")
    driver.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button[type=submit]").click()
    wait(driver, lambda d: "/sign-in" not in d.current_url)


def sign_out(driver):
    driver.find_element(By.CSS_SELECTOR, "form[action='/sign-out'] button").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "a[href='/sign-in']")))


def designer_flow(driver, base, shots):
    """A designer creates a unit with a skill picked as they type, publishes it and sees it in the public catalogue."""
    sign_in(driver, base, "ontwikkelaar@demo.erkend.nl")
    if not driver.current_url.endswith("/design"):
        fail(f"a designer starts at /design, not {driver.current_url}")
        driver.get(base + "/design")
    accessible(driver, "design")
    driver.find_element(By.CSS_SELECTOR, "a[href='/design/units/new']").click()
    wait(driver, EC.presence_of_element_located((By.ID, "unit-form")))
    driver.find_element(By.ID, "code").send_keys("WEB-TOEG")
    driver.find_element(By.ID, "titleNl").send_keys("Toegankelijke webpagina's bouwen")
    driver.find_element(By.ID, "titleEn").send_keys("Building accessible web pages")
    driver.find_element(By.ID, "nlqf").send_keys("4")
    driver.find_element(By.ID, "ects").send_keys("2,5")
    driver.find_element(By.ID, "outcomeCode").send_keys("WEB-TOEG-LU1")
    driver.find_element(By.ID, "outcomeStatement").send_keys("Bouwt een webpagina die voldoet aan WCAG 2.1 AA")
    driver.find_element(By.ID, "skillQuery").send_keys("softw")
    # The suggestions come from the script as one types: no button is pressed.
    choice = wait(driver, EC.element_to_be_clickable((By.CSS_SELECTOR, "#skill-options label.choice input[name=skill]")))
    picked = choice.get_attribute("value")
    choice.click()
    accessible(driver, "new unit with suggestions")
    shots("design-unit", driver)
    driver.find_element(By.CSS_SELECTOR, "button[name=action][value=save]").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
    driver.find_element(By.CSS_SELECTOR, "button[aria-label='Publiceren WEB-TOEG']").click()
    notice = wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
    if "openbare catalogus" not in notice.text:
        fail(f"publishing says '{notice.text}'")
    driver.get(base + "/")
    if "Toegankelijke webpagina's bouwen" not in driver.page_source:
        fail("the published unit is not in the public catalogue")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Toegankelijke webpagina's bouwen").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "ul.skills")))
    if picked not in driver.page_source:
        fail(f"the unit's page does not show the picked skill {picked}")
    accessible(driver, "unit")
    shots("unit", driver)
    sign_out(driver)


def committee_flow(driver, base, shots):
    """A committee member records an entrustment decision after reading the rule check."""
    sign_in(driver, base, "examencommissie@demo.erkend.nl")
    driver.get(base + "/learners")
    accessible(driver, "learners")
    driver.find_element(By.LINK_TEXT, "Sanne Visser").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "progress")))
    accessible(driver, "learner (committee)")
    driver.find_element(By.CSS_SELECTOR, "a[href$='/epas/SD-EPA-K1']").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "svg.chart circle")))
    Select(driver.find_element(By.ID, "check-level")).select_by_value("3")
    driver.find_element(By.CSS_SELECTOR, "form.inline-form button").click()
    wait(driver, lambda d: "level=3" in d.current_url)
    check = WebDriverWait(driver, 15, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: d.find_element(By.ID, "rule-check").text)
    if "niveau 3" not in check.lower():
        fail(f"the rule check is not for level 3: {check}")
    accessible(driver, "EPA with decision form")
    shots("committee-epa", driver)
    if driver.find_elements(By.ID, "overrideReason"):
        driver.find_element(By.ID, "overrideReason").send_keys("Besproken in de commissie met de praktijkopleider.")
    deciders = driver.find_element(By.ID, "deciders")
    deciders.clear()
    deciders.send_keys("J. de Boer, A. Yilmaz")
    driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
    notice = wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
    if "vastgelegd" not in notice.text:
        fail(f"the decision was not recorded: {notice.text}")
    sign_out(driver)


def learner_flow(driver, base, shots):
    """A learner sees the observation and phase, and switches the interface to English."""
    sign_in(driver, base, "leerling@demo.erkend.nl")
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, ".phase")))
    page = driver.page_source
    for text in ("Huidige fase", "Vaardighedenprofiel", "Observaties", "Examencommissie ICT"):
        if text not in page:
            fail(f"the learner's page lacks '{text}'")
    if not driver.find_elements(By.CSS_SELECTOR, "table.observations tbody tr"):
        fail("the learner sees no observations")
    accessible(driver, "learner")
    shots("learner", driver)
    driver.find_element(By.CSS_SELECTOR, "ul.languages a[lang=en]").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "html[lang=en]")))
    if "Current phase" not in driver.page_source:
        fail("after switching to English the learner's page is not in English")
    driver.get(base + "/")
    if "This service uses the ESCO classification" not in driver.page_source:
        fail("the English choice is not remembered on the next page")
    accessible(driver, "catalogue in English")
    driver.find_element(By.CSS_SELECTOR, "ul.languages a[lang=nl]").click()
    sign_out(driver)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.title, self._in_title = [], "", False

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def crawl(base, cookie, role, limit=80):
    """Every page reachable from / and /me as this role answers 200 and has a title; every link works."""
    parsed = urllib.parse.urlparse(base)
    seen, queue, pages = set(), ["/", "/me"], 0
    while queue and pages < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        headers = {"Accept": "text/html", "Accept-Language": "nl"}
        if cookie:
            headers["Cookie"] = cookie
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        if response.status in (301, 302, 303):
            queue.append(urllib.parse.urljoin(path, response.getheader("Location")))
            continue
        if response.status != 200:
            fail(f"crawl as {role}: {path} answers {response.status}")
            continue
        if path.startswith("/api/") or not response.getheader("Content-Type", "").startswith("text/html"):
            continue
        pages += 1
        parser = Links()
        parser.feed(body)
        if not parser.title.strip():
            fail(f"crawl as {role}: {path} has no title")
        for href in parser.links:
            target = urllib.parse.urljoin(path, href)
            if target.startswith("http://") or target.startswith("https://") or target.startswith("#"):
                continue
            target = target.split("#")[0]
            if "lang=" in target:
                continue
            if target not in seen:
                queue.append(target)
    print(f"crawl as {role}: {pages} pages, {len(seen)} addresses", flush=True)


def session_cookie(driver):
    for cookie in driver.get_cookies():
        if cookie["name"] == "erkend_session":
            return f"erkend_session={cookie['value']}"
    return None


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("base")
    arguments.add_argument("--screenshots", help="a folder for desktop and 360×740 phone screenshots of the main pages")
    options = arguments.parse_args()
    base = options.base.rstrip("/")

    def shots(name, driver):
        if not options.screenshots:
            return
        os.makedirs(options.screenshots, exist_ok=True)
        size = driver.get_window_size()
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(os.path.join(options.screenshots, f"{name}-desktop.png"))
        driver.set_window_size(360, 740)
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(os.path.join(options.screenshots, f"{name}-phone.png"))
        driver.set_window_size(size["width"], size["height"])

    driver = browser()
    try:
        driver.get(base + "/")
        accessible(driver, "catalogue")
        shots("catalogue", driver)
        if not driver.title:
            fail("the catalogue has no title")
        for name, flow in (("designer", designer_flow), ("committee", committee_flow), ("learner", learner_flow)):
            try:
                flow(driver, base, shots)
                print(f"flow {name}: done", flush=True)
            except Exception as error:  # a flow that breaks off is a failure with where it stood
                fail(f"flow {name} broke off at {driver.current_url}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
                driver.delete_all_cookies()
        crawl(base, None, "anonymous")
        for role, username in (("designer", "ontwikkelaar@demo.erkend.nl"), ("committee", "examencommissie@demo.erkend.nl"),
                               ("coach", "coach@demo.erkend.nl"), ("learner", "leerling@demo.erkend.nl"),
                               ("mentor", "praktijkopleider@demo.erkend.nl")):
            driver.delete_all_cookies()
            sign_in(driver, base, username)
            cookie = session_cookie(driver)
            if not cookie:
                fail(f"signing in as {role} set no session cookie in the browser")
                continue
            accessible(driver, f"home of {role}")
            crawl(base, cookie, role)
    finally:
        driver.quit()
    print(f"axe checked {len(checked_axe)} pages", flush=True)
    if failures:
        print(f"{len(failures)} failures", flush=True)
        sys.exit(1)
    print("all browser checks passed", flush=True)


if __name__ == "__main__":
    main()
