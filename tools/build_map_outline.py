"""Build alzhir/web/data/map_outline.json, the outline the site's map draws its dots on (run by
hand, never at run time; the site reads only the JSON).

    .venv/bin/pip install -r tools/requirements.txt
    .venv/bin/python tools/build_map_outline.py [--wheel geopandas-0.14.4-py3-none-any.whl]

The outline is Natural Earth's 1:110m countries (public domain), as the geopandas 0.14.4 wheel
ships it (geopandas/datasets/naturalearth_lowres/), read with pyshp straight from the wheel;
without --wheel the wheel is fetched with `pip download geopandas==0.14.4 --no-deps` (geopandas
itself is never installed). The countries are cut to the window where the women of the lists
came from and were sent (Europe's east to the Far East), projected equirectangularly with the
window's middle parallel true to scale, simplified (Douglas–Peucker, written here: a dozen
lines against a geometry library for one step) and rounded to a tenth of a unit.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import shapefile  # pyshp

import alzhir.web

OUT = Path(alzhir.web.__file__).parent / "data" / "map_outline.json"
INSIDE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
WINDOW = {"west": 20.0, "east": 140.0, "south": 36.0, "north": 70.0}
WIDTH = 1000.0
TOLERANCE = 1.2  # units of the 1000-wide drawing
ATTRIBUTION = (
    "Outline: Natural Earth 1:110m countries (public domain, naturalearthdata.com), as shipped "
    "in the geopandas 0.14.4 wheel; modern borders, for orientation only."
)


def projection() -> tuple[float, float, callable]:
    middle = math.radians((WINDOW["south"] + WINDOW["north"]) / 2)
    span_x = (WINDOW["east"] - WINDOW["west"]) * math.cos(middle)
    scale = WIDTH / span_x
    height = (WINDOW["north"] - WINDOW["south"]) * scale

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - WINDOW["west"]) * math.cos(middle) * scale, (WINDOW["north"] - lat) * scale

    return WIDTH, height, project


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: keep the points that stray more than `tolerance` from the chord."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1e-9
    distances = [abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length for x, y in points]
    index = max(range(1, len(points) - 1), key=distances.__getitem__)
    if distances[index] <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def near_window(ring) -> bool:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return not (
        max(lons) < WINDOW["west"] - 5 or min(lons) > WINDOW["east"] + 5
        or max(lats) < WINDOW["south"] - 5 or min(lats) > WINDOW["north"] + 5
    )  # fmt: skip


def path_of(rings, project) -> str:
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat in ring]
        # a closed ring has no chord: simplify its two halves, split at the farthest point
        x0, y0 = points[0]
        far = max(
            range(len(points)), key=lambda i: math.hypot(points[i][0] - x0, points[i][1] - y0)
        )
        points = simplify(points[: far + 1], TOLERANCE)[:-1] + simplify(points[far:], TOLERANCE)
        if len(points) >= 3:
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def read_countries(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        files = {ext: io.BytesIO(archive.read(f"{INSIDE}.{ext}")) for ext in ("shp", "shx", "dbf")}
    # the .cpg says ISO-8859-1 ("Côte d'Ivoire")
    reader = shapefile.Reader(
        shp=files["shp"], shx=files["shx"], dbf=files["dbf"], encoding="latin-1"
    )
    fields = [f[0] for f in reader.fields[1:]]
    for shape_record in reader.iterShapeRecords():
        record = dict(zip(fields, shape_record.record, strict=True))
        shape = shape_record.shape
        starts = list(shape.parts) + [len(shape.points)]
        rings = [shape.points[a:b] for a, b in zip(starts, starts[1:], strict=False)]
        yield record, rings


def build(wheel: Path) -> dict:
    width, height, project = projection()
    countries = []
    for record, rings in read_countries(wheel):
        rings = [r for r in rings if near_window(r)]
        if rings:
            countries.append({"iso": record.get("iso_a3", ""), "d": path_of(rings, project)})
    return {
        "attribution": ATTRIBUTION,
        "window": WINDOW,
        "width": round(width, 1),
        "height": round(height, 1),
        "countries": sorted(countries, key=lambda c: c["iso"]),
    }


def fetched_wheel(directory: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "geopandas==0.14.4", "--no-deps", "-q",
         "-d", str(directory)],
        check=True,
    )  # fmt: skip
    return next(directory.glob("geopandas-0.14.4-*.whl"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help="the geopandas 0.14.4 wheel, if at hand")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        wheel = args.wheel or fetched_wheel(Path(scratch))
        outline = build(wheel)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(outline, ensure_ascii=False, separators=(",", ":")) + "\n")
    size = OUT.stat().st_size
    print(f"{OUT}: {len(outline['countries'])} countries, {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
