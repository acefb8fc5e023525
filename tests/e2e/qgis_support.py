"""What the QGIS client tests share: the server they start, the per_100k
classes of the server palette and the colour QGIS drew around a point."""
import re
import subprocess
import threading

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsMapRendererSequentialJob,
                       QgsMapSettings, QgsPointXY, QgsProject, QgsRectangle)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

# The palette of layers/tiles/tiles_palette.h for per_100k, by class lower bound.
PER_100K = [(0, "#e0e0e0"), (1e-9, "#c7e9b4"), (1, "#7fcdbb"), (2, "#41b6c4"), (5, "#1d91c0"), (10, "#0c2c84")]
# Points well inside communes: Santiago (13101), Valparaíso (05101), Temuco (09101).
POINTS = {"13101": (-70.6506, -33.4378), "05101": (-71.6197, -33.0458), "09101": (-72.5904, -38.7359)}


def class_colour(unit):
    """The per_100k class colour of a /coverage unit (per_100k as the tiles round it: 0.001)."""
    total, population = unit["total"], unit["population"]
    value = round(total * 100000 / population, 3) if population > 0 else 0.0
    colour = PER_100K[0][1]
    for lower, c in PER_100K:
        if value >= lower:
            colour = c
    return QColor(colour)


def start_server(binary, store):
    """The real binary on a free port over STORE: (process, base URL)."""
    proc = subprocess.Popen([binary, "serve", "--store", store, "--port", "0", "--threads", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    found = re.match(r"territorio serving (http://[^/ ]+)", line)
    if not found:
        proc.kill()
        raise SystemExit("server did not start: " + line)
    # Keep reading what it prints, so that it never blocks on a full pipe.
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    return proc, found.group(1)


def commonest_colour(image, x, y):
    """The commonest colour of the 5 x 5 pixels around (x, y): a white
    boundary may pass close to the point at the scale of a test map."""
    counts = {}
    for dx in range(-2, 3):
        for dy in range(-2, 3):
            name = QColor(image.pixel(int(x) + dx, int(y) + dy)).name()
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get)


class Rendered:
    """LAYER drawn by QGIS in EPSG:3857 over a lon/lat box at WIDTH x HEIGHT
    pixels on a transparent background. Delete it before exitQgis()."""

    def __init__(self, layer, lon_lat_box, width, height):
        crs = QgsCoordinateReferenceSystem("EPSG:3857")
        self.to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), crs, QgsProject.instance())
        self.settings = QgsMapSettings()
        self.settings.setLayers([layer])
        self.settings.setDestinationCrs(crs)
        self.settings.setOutputSize(QSize(width, height))
        self.settings.setExtent(self.to_map.transformBoundingBox(QgsRectangle(*lon_lat_box)))
        self.settings.setBackgroundColor(QColor(0, 0, 0, 0))
        job = QgsMapRendererSequentialJob(self.settings)
        job.start()
        job.waitForFinished()
        self.image = job.renderedImage()
        self.errors = [e.message for e in job.errors()]

    def pixel(self, lon, lat):
        """The pixel (x, y) of a lon/lat point."""
        p = self.settings.mapToPixel().transform(self.to_map.transform(QgsPointXY(lon, lat)))
        return p.x(), p.y()
