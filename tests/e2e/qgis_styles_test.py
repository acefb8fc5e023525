#!/usr/bin/python3
"""QGIS 3.22 (Debian's python3-qgis) loads territorio's QGIS style (QML).

Starts the real binary, opens /collections/communes with QGIS's OGC API -
Features provider (OAPIF), imports the collection's per_100k style as a
QGIS user does with one click (the QML at the style's f=qml link), renders
central Chile and checks that known communes carry the class colour of
their per_100k value from /coverage: the colours the map and the PNG tiles
give them.

Usage: qgis_styles_test.py TERRITORIO_BIN STORE (run by ctest as qgis_styles).
"""
import json
import os
import sys
import urllib.request

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402
from qgis.PyQt.QtXml import QDomDocument  # noqa: E402

from qgis_support import POINTS, Rendered, class_colour, commonest_colour, start_server  # noqa: E402


def main():
    binary, store = sys.argv[1], sys.argv[2]
    proc, base = start_server(binary, store)
    failures = []
    try:
        with urllib.request.urlopen(base + "/coverage?level=commune") as r:
            units = {u["code"]: u for u in json.load(r)["units"]}
        with urllib.request.urlopen(base + "/collections/communes/styles") as r:
            links = {s["id"]: s["links"] for s in json.load(r)["styles"]}
        qml_link = [k["href"] for k in links["per_100k"] if k["href"].endswith("f=qml")][0]
        with urllib.request.urlopen(qml_link) as r:
            qml = r.read().decode("utf-8")

        app = QgsApplication([], False)
        app.initQgis()
        layer = QgsVectorLayer("url='%s' typename='communes'" % base, "communes", "OAPIF")
        if not layer.isValid():
            raise SystemExit("QGIS cannot open the communes collection: " + layer.error().summary())
        if layer.featureCount() != 345:
            failures.append("%d communes, expected 345" % layer.featureCount())
        doc = QDomDocument()
        if not doc.setContent(qml)[0]:
            raise SystemExit("the QML is not XML QGIS reads")
        ok, error = layer.importNamedStyle(doc)
        if not ok:
            failures.append("QGIS refuses the QML: " + error)
        if layer.renderer().type() != "graduatedSymbol":
            failures.append("renderer " + layer.renderer().type())

        rendered = Rendered(layer, (-74.0, -40.0, -69.0, -32.0), 600, 800)
        failures += ["render error: " + e for e in rendered.errors]
        for code, (lon, lat) in POINTS.items():
            x, y = rendered.pixel(lon, lat)
            got = commonest_colour(rendered.image, x, y)
            want = class_colour(units[code]).name()
            if got != want:
                failures.append("%s at pixel (%d, %d): %s, expected %s" % (code, x, y, got, want))
        # QGIS objects go before QGIS does: the OAPIF provider crashes when freed after exitQgis().
        del rendered, layer
        app.exitQgis()
    finally:
        proc.terminate()
        proc.wait()
    for f in failures:
        print("FAIL:", f)
    print("qgis_styles: %d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
