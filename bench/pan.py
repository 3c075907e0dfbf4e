"""Pan and zoom the resident map over the benchmark database in Chromium and report long tasks.

Run after bench.run (it reuses its database): python -m bench.pan. Serves the app as the
benchmark does, records every main-thread task over 50 ms (PerformanceObserver "longtask")
while the map is panned and zoomed by keyboard, and prints the longest.
"""

import json
import shutil

from playwright.sync_api import sync_playwright

from bench.run import BASE, Server, manage, sql

STEPS = ["ArrowRight"] * 6 + ["Equal"] * 2 + ["ArrowDown"] * 6 + ["Minus"] * 3 + ["ArrowLeft"] * 6


def main() -> None:
    rows = sql("SELECT count(*) FROM mapping_proposal")[0][0]
    manage("collectstatic", "--no-input")
    with Server(), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.add_init_script(
            "window.__long = []; new PerformanceObserver(list => list.getEntries().forEach("
            "e => window.__long.push(e.duration))).observe({type: 'longtask', buffered: true});"
        )
        page.goto(BASE + "/")
        page.wait_for_selector("#map[data-ready=true]", timeout=60_000)
        page.wait_for_timeout(1000)
        loading = page.evaluate("window.__long.slice()")
        page.evaluate("window.__long = []")
        page.locator("#map").focus()
        for key in STEPS:
            page.keyboard.press(key)
            page.wait_for_timeout(400)
        page.wait_for_timeout(1500)
        panning = page.evaluate("window.__long.slice()")
        markers = page.locator("#map .cluster, #map .symbol-marker").count()
        browser.close()
    print(
        json.dumps(
            {
                "proposals": rows,
                "steps": len(STEPS),
                "markers_at_end": markers,
                "long_tasks_loading_ms": [round(d) for d in loading],
                "long_tasks_panning_ms": [round(d) for d in panning],
                "longest_while_panning_ms": round(max(panning, default=0)),
            }
        )
    )


if __name__ == "__main__":
    main()
