"""Reference regions: the country's provinces and Dongying's divisions, loaded by a data migration."""

import csv
from pathlib import Path

PROVINCES = [
    ("110000", "北京市"), ("120000", "天津市"), ("130000", "河北省"), ("140000", "山西省"),
    ("150000", "内蒙古自治区"), ("210000", "辽宁省"), ("220000", "吉林省"), ("230000", "黑龙江省"),
    ("310000", "上海市"), ("320000", "江苏省"), ("330000", "浙江省"), ("340000", "安徽省"),
    ("350000", "福建省"), ("360000", "江西省"), ("370000", "山东省"), ("410000", "河南省"),
    ("420000", "湖北省"), ("430000", "湖南省"), ("440000", "广东省"), ("450000", "广西壮族自治区"),
    ("460000", "海南省"), ("500000", "重庆市"), ("510000", "四川省"), ("520000", "贵州省"),
    ("530000", "云南省"), ("540000", "西藏自治区"), ("610000", "陕西省"), ("620000", "甘肃省"),
    ("630000", "青海省"), ("640000", "宁夏回族自治区"), ("650000", "新疆维吾尔自治区"),
    ("710000", "台湾省"), ("810000", "香港特别行政区"), ("820000", "澳门特别行政区"),
]
PATH_LENGTH = {"province": 2, "city": 4, "county": 6, "street": 9, "community": 12}
DIVISIONS_CSV = Path(__file__).parent / "data" / "dongying-divisions.csv"


def reference_rows() -> list[dict]:
    """Rows (code, name, level, parent code) in an order where parents come first."""
    rows = [{"code": code, "name": name, "level": "province", "parent": ""} for code, name in PROVINCES]
    with DIVISIONS_CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["level"] != "province":
                rows.append({"code": row["code"], "name": row["name"], "level": row["level"], "parent": row["parent"]})
    return rows


def load_reference_regions(Region) -> int:
    """Create the missing reference regions (idempotent). Takes the model class so migrations can call it."""
    existing = set(Region.objects.values_list("code", flat=True))
    by_code = {r.code: r for r in Region.objects.all()}
    created = 0
    for row in reference_rows():
        if row["code"] in existing:
            continue
        region = Region(
            code=row["code"], name=row["name"], level=row["level"],
            path=row["code"][: PATH_LENGTH[row["level"]]], parent=by_code.get(row["parent"]),
        )
        region.save()
        by_code[region.code] = region
        created += 1
    return created
