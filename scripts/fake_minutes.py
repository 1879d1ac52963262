#!/usr/bin/env python3
"""A stand-in for the `minutes` CLI that answers with perturbed gold, to cross-check
`minutes eval` against /work/shared/tools/score_gold.py and score_pd1998.py.

  fake_minutes.py extract --format json FILE     (score_gold.py calls this)
  fake_minutes.py extract --format jsonl -       (score_pd1998.py calls this)
  fake_minutes.py dump-gold CORPUS OUT.jsonl     (the same answers, one minutes/1 result per article,
                                                 for `minutes eval CORPUS --results OUT.jsonl`)
  fake_minutes.py dump-pd1998 [SUBSET] OUT.jsonl (the same for `minutes eval --pd1998 … --results`)

FAKE_CORPUS names the annotated corpus the articles come from (an article is recognized by its
text). Answers are deterministic per article (seeded by the text), so both scorers see the same.
Test tooling only: it reads the corpora at run time and copies nothing into the repository.
"""
import hashlib, json, os, random, subprocess, sys

TOOLS = os.environ.get("SHARED_TOOLS", "/work/shared/tools")
sys.path.insert(0, TOOLS)


def strip_header(raw):
    if raw.startswith("URL:"):
        return raw.split("\n", 2)[2] if raw.count("\n") >= 2 else ""
    return raw


def traditional(s):
    out = subprocess.run(["uconv", "-x", "Simplified-Traditional"], input=s, capture_output=True, text=True).stdout
    # ICU also turns “” into 「」 and back; the project's folding maps ideographs only.
    return out.replace("「", "“").replace("」", "”")


def rng_for(text):
    seed = os.environ.get("FAKE_SEED", "")
    return random.Random(int(hashlib.sha256((seed + text).encode()).hexdigest()[:12], 16))


def spell(r, p):
    """A name as an extractor might write it: clean, a variant, as written, Traditional, spaced."""
    if isinstance(p, str):
        p = {"name": p}
    name = p["name"]
    choice = r.random()
    if choice < 0.15 and p.get("name_variants"):
        return r.choice(p["name_variants"])
    if choice < 0.3 and p.get("as_written"):
        return p["as_written"]
    if choice < 0.4:
        return traditional(name)
    if choice < 0.45 and len(name) == 2:
        return name[0] + " " + name[1]
    return name


def attendee(r, p):
    titles = []
    for t in (p.get("titles") or []) if isinstance(p, dict) else []:
        x = r.random()
        if x < 0.6:
            titles.append(t)
        elif x < 0.75:
            titles.append("副" + t)
        elif x < 0.85:
            titles.append(traditional(t))
    if r.random() < 0.1:
        titles.append("委员")
    return {"name": spell(r, p), "titles": titles, "venue": None, "start": 0, "end": 0}


def frame(r, g):
    people = list(g.get("chair") or [])
    chair = [attendee(r, p) for p in people if r.random() < 0.8]
    part = [attendee(r, p) for p in (g.get("participants") or []) if r.random() < 0.7]
    if r.random() < 0.3:
        part.append({"name": "甲乙丙", "titles": ["主任"], "venue": None, "start": 0, "end": 0})
    if r.random() < 0.2 and part:
        chair.append(part.pop(0))
    speakers = [spell(r, s) for s in (g.get("speakers") or []) if r.random() < 0.75]
    if r.random() < 0.2:
        speakers.append("丁戊")
    directives = []
    for i, d in enumerate(g.get("directives") or []):
        x = r.random()
        marker, text = d["marker"], d.get("starts") or ""
        if x < 0.1:
            continue
        if x < 0.2:
            text = text[:4]
        elif x < 0.3:
            marker = "一是" if marker != "一是" else "二是"
        elif x < 0.4:
            text = traditional(text) + "，后文"
        else:
            text = text + "，后文略"
        item = {"marker": marker, "number": i + 1, "text": text, "start": 0, "end": 0, "items": []}
        if directives and r.random() < 0.25:
            directives[-1]["items"].append(item)
        else:
            directives.append(item)
    venues = [{"name": v, "kind": "site"} for v in (g.get("venues") or []) if r.random() < 0.8]
    for v in g.get("video_links") or []:
        venues.append({"name": v, "kind": "video_link"})
    if r.random() < 0.2:
        venues.append({"name": "会议室", "kind": "site"})
    name = g.get("meeting")
    x = r.random()
    if x < 0.2 and g.get("meeting_alt"):
        name = r.choice(g["meeting_alt"])
    elif x < 0.3:
        name = "专题会议"
    elif x < 0.4:
        name = None
    date = g.get("date")
    x = r.random()
    if x < 0.2 and g.get("date_alt"):
        date = r.choice(g["date_alt"])
    elif x < 0.3:
        date = "近日"
    date_obj = {"text": date, "value": None, "part_of_day": None} if date else None
    return {"name": name, "date": date_obj, "chair": chair, "participants": part, "speakers": speakers,
            "venues": venues, "directives": directives, "start": 0, "end": 0}


def answer_gold(text, gold, ident):
    r = rng_for(text)
    meetings = [frame(r, gold)]
    for other in gold.get("other_meetings") or []:
        meetings.append(frame(r, other))
    if r.random() < 0.25:
        # split the meeting: some participants and directives go to a second frame
        extra = frame(r, {"participants": gold.get("participants") or [], "directives": []})
        extra["name"] = "另一会议" if r.random() < 0.5 else None
        meetings.append(extra)
    if r.random() < 0.1:
        meetings = []
    persons = []
    for key in ("chair", "participants", "mentioned_persons", "reporters", "editors"):
        for p in gold.get(key) or []:
            if r.random() < 0.8:
                persons.append({"name": spell(r, p), "titles": [], "mentions": []})
    if persons and r.random() < 0.3:
        persons.append(dict(persons[0]))
    if r.random() < 0.3:
        persons.append({"name": "某某", "titles": [], "mentions": []})
    reporters = [{"name": spell(r, p), "role": "记者"} for p in gold.get("reporters") or [] if r.random() < 0.7]
    if r.random() < 0.2:
        reporters.append({"name": "编辑甲", "role": "编辑"})
    published = gold.get("publish_date")
    if published is not None and r.random() < 0.3:
        published = "2020-01-01"
    return {"schema": "minutes/1", "id": ident,
            "article": {"headline": None, "published": str(published) if published else None,
                        "outlet": gold.get("source") if r.random() < 0.7 else None,
                        "reporters": reporters, "editors": []},
            "meetings": meetings, "persons": persons, "entities": [], "warnings": []}


def corpus_index(corpus):
    import yaml
    idx = {}
    for f in sorted(os.listdir(os.path.join(corpus, "articles"))):
        if f.endswith(".txt"):
            nid = f[:-4]
            text = strip_header(open(os.path.join(corpus, "articles", f), encoding="utf-8").read())
            gold = yaml.safe_load(open(os.path.join(corpus, "gold", nid + ".yaml"), encoding="utf-8"))
            idx[text] = (nid, gold)
    return idx


def answer_entities(aid, text, gold):
    r = rng_for(text)
    ents = []
    kinds = ["person", "place", "organization"]
    for (t, s, e) in gold:
        x = r.random()
        if x < 0.6:
            ents.append({"type": t, "start": s, "end": e})
        elif x < 0.7:
            ents.append({"type": t, "start": s, "end": e + 1})
        elif x < 0.8:
            ents.append({"type": r.choice(kinds), "start": s, "end": e})
        elif x < 0.85:
            ents.append({"type": t, "start": s, "end": e})
            ents.append({"type": t, "start": s, "end": e})
    if r.random() < 0.5:
        ents.append({"type": "date", "start": 0, "end": 2})
    if text and r.random() < 0.5:
        ents.append({"type": "person", "start": 0, "end": min(2, len(text))})
    full = [{"type": x["type"], "text": text[x["start"]:x["end"]], "start": x["start"], "end": x["end"], "rule": "fake"}
            for x in ents]
    return {"schema": "minutes/1", "id": aid,
            "article": {"headline": None, "published": None, "outlet": None, "reporters": [], "editors": []},
            "meetings": [], "persons": [], "entities": full, "warnings": []}


def pd_answers(subset=None):
    from pd1998 import articles
    for aid, (text, gold) in articles(subset):
        yield aid, text, gold


def main():
    a = sys.argv[1:]
    if a[:1] == ["dump-gold"]:
        corpus, out = a[1], a[2]
        with open(out, "w", encoding="utf-8") as f:
            for text, (nid, gold) in corpus_index(corpus).items():
                f.write(json.dumps(answer_gold(text, gold, nid), ensure_ascii=False) + "\n")
        return
    if a[:1] == ["dump-pd1998"]:
        subset, out = (a[1], a[2]) if len(a) == 3 else (None, a[1])
        with open(out, "w", encoding="utf-8") as f:
            for aid, text, gold in pd_answers(subset):
                f.write(json.dumps(answer_entities(aid, text, gold), ensure_ascii=False) + "\n")
        return
    if a[:3] == ["extract", "--format", "json"]:
        text = open(a[3], encoding="utf-8").read()
        nid, gold = corpus_index(os.environ["FAKE_CORPUS"])[text]
        print(json.dumps(answer_gold(text, gold, a[3]), ensure_ascii=False))
        return
    if a[:3] == ["extract", "--format", "jsonl"]:
        gold_by_id = {aid: gold for aid, text, gold in pd_answers()}
        for line in sys.stdin:
            d = json.loads(line)
            print(json.dumps(answer_entities(d["id"], d["text"], gold_by_id[d["id"]]), ensure_ascii=False))
        return
    sys.exit("usage: see the docstring")


if __name__ == "__main__":
    main()
