#!/usr/bin/env python3
"""Rebuilds src/Maabar.Server/GeoData/border-region.geojson from the npm package world-atlas 2.0.2
(Natural Earth 1:10m admin-0 countries as TopoJSON): decodes the arcs and keeps Tunisia, Libya and
their neighbours' polygons that touch the region shown on the map.

    npm install --prefix /tmp/wa world-atlas@2.0.2
    python3 scripts/geo/extract-border-region.py /tmp/wa/node_modules/world-atlas/countries-10m.json
"""
import json
import sys

WANT = {'788': 'TUN', '434': 'LBY', '012': 'DZA', '818': 'EGY', '562': 'NER', '148': 'TCD', '729': 'SDN'}
BBOX = (-1.0, 18.0, 27.0, 38.5)  # lon min, lat min, lon max, lat max


def main(path, out):
    topo = json.load(open(path))
    sx, sy = topo['transform']['scale']
    tx, ty = topo['transform']['translate']
    arcs = []
    for encoded in topo['arcs']:
        x = y = 0
        points = []
        for dx, dy in encoded:
            x += dx
            y += dy
            points.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        arcs.append(points)

    def arc(i):
        return arcs[i] if i >= 0 else list(reversed(arcs[~i]))

    def ring(indexes):
        points = []
        for i in indexes:
            a = arc(i)
            points.extend(a if not points else a[1:])
        return points

    features = []
    for g in topo['objects']['countries']['geometries']:
        gid = str(g.get('id', '')).zfill(3)
        if gid not in WANT:
            continue
        polygons = [g['arcs']] if g['type'] == 'Polygon' else g['arcs']
        kept = []
        for p in polygons:
            rings = [ring(r) for r in p]
            if any(BBOX[0] <= x <= BBOX[2] and BBOX[1] <= y <= BBOX[3] for x, y in rings[0]):
                kept.append([[list(pt) for pt in r] for r in rings])
        features.append({'type': 'Feature', 'properties': {'iso_a3': WANT[gid], 'name': g['properties'].get('name')},
                         'geometry': {'type': 'MultiPolygon', 'coordinates': kept}})
    with open(out, 'w') as f:
        json.dump({'type': 'FeatureCollection', 'bbox': list(BBOX), 'features': features}, f, separators=(',', ':'))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else 'src/Maabar.Server/GeoData/border-region.geojson')
