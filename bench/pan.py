"""The maps in Chromium over the benchmark database: how long the planners' workspace and the
resident map take to settle, how long each tile takes, and the long tasks while panning.

Run after bench.run (it reuses its database): python -m bench.pan; the numbers also go to
bench/results/PAN.json. Serves the app as the benchmark does. A page has settled when its last
API response has arrived (the Resource Timing entries, once the network is idle). The resident
map is then panned and zoomed by keyboard while every main-thread task over 50 ms is recorded
(PerformanceObserver "longtask").
"""

import json
import shutil
import statistics

from playwright.sync_api import sync_playwright

from bench.run import BASE, RESULTS, Server, manage, sql

STEPS = ["ArrowRight"] * 6 + ["Equal"] * 2 + ["ArrowDown"] * 6 + ["Minus"] * 3 + ["ArrowLeft"] * 6
PLANNER = ("bench-pan", "bench-pan-passord")
# Every API response of the page: when the last arrived, and how long each tile took from the
# request going out to its last byte (`served`) and from the script asking for it (`asked`,
# which adds the wait for one of the browser's six connections to the site).
TIMINGS = """() => {
  const api = performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/"));
  const tiles = api.filter((e) => e.name.includes("/tiles/"));
  return {settled: Math.max(...api.map((e) => e.responseEnd)), requests: api.length,
          served: tiles.map((e) => e.responseEnd - e.requestStart),
          asked: tiles.map((e) => e.duration)};
}"""


def settle(page, path: str) -> dict:
    page.goto(BASE + path)
    page.wait_for_selector("#map[data-ready=true]", timeout=60_000)
    page.wait_for_load_state("networkidle")
    timings = page.evaluate(TIMINGS)
    served, asked = timings["served"] or [0], timings["asked"] or [0]
    return {
        "settled_ms": round(timings["settled"]),
        "api_requests": timings["requests"],
        "tiles": len(timings["served"]),
        "tile_served_median_ms": round(statistics.median(served)),
        "tile_served_max_ms": round(max(served)),
        "tile_asked_max_ms": round(max(asked)),
    }


def main() -> None:
    rows = sql("SELECT count(*) FROM mapping_proposal")[0][0]
    manage("collectstatic", "--no-input")
    manage("create_planner", PLANNER[0], "--password", PLANNER[1], "--place", "baerum")
    with Server(), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        viewport = {"width": 1280, "height": 800}
        planner = browser.new_page(viewport=viewport)
        planner.goto(BASE + "/planlegger/")
        planner.fill("#id_username", PLANNER[0])
        planner.fill("#id_password", PLANNER[1])
        planner.click(".login-form [type=submit]")
        planner.wait_for_selector("#map[data-ready=true]", timeout=60_000)
        settle(planner, "/planlegger/")  # warm: the process's caches, as after any first visit
        workspace = settle(planner, "/planlegger/")

        page = browser.new_page(viewport=viewport)
        page.add_init_script(
            "window.__long = []; new PerformanceObserver(list => list.getEntries().forEach("
            "e => window.__long.push(e.duration))).observe({type: 'longtask', buffered: true});"
        )
        settle(page, "/")
        resident = settle(page, "/")
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
    result = {
        "proposals": rows,
        "workspace": workspace,
        "resident_map": resident,
        "workspace_tile_max_over_public_tile_max": round(
            workspace["tile_served_max_ms"] / max(1, resident["tile_served_max_ms"]), 2
        ),
        "steps": len(STEPS),
        "markers_at_end": markers,
        "long_tasks_loading_ms": [round(d) for d in loading],
        "long_tasks_panning_ms": [round(d) for d in panning],
        "longest_while_panning_ms": round(max(panning, default=0)),
    }
    (RESULTS / "PAN.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
