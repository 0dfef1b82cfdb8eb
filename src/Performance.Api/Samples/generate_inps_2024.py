#!/usr/bin/env python3
"""Generates the INPS 2024 sample: inps-2024.json (plan document) and inps-2024-actuals.json (consuntivi).

Re-run from anywhere:  python3 src/Performance.Api/Samples/generate_inps_2024.py
Standard library only. Every published figure comes from the teammate's extraction
tests/Performance.Domain.Tests/Data/inps-2024-reference.json (itself citing 002:Lnnn of the Relazione sulla
Performance 2024). Whatever the report does not publish (the project list, the KPI of each project, which project
implements which LGG, per-structure VP, production volumes) is RECONSTRUCTED here with small, explicit choices; the
script checks with exact arithmetic (half away from zero at 2 decimals) that the published figures come out, and
stops if one does not.
"""
import json
import os
from decimal import Decimal as D, ROUND_HALF_UP, getcontext
from fractions import Fraction as F

getcontext().prec = 40
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
REF = json.load(open(os.path.join(ROOT, "tests", "Performance.Domain.Tests", "Data", "inps-2024-reference.json"), encoding="utf-8"))

YEAR = 2024
ACT_REPROGRAMMING = "Det. DG n. 190/2024 (Allegato 2, come integrato dalla Det. DG n. 266/2024)"


def r2(x):
    """Half away from zero at 2 decimals (docs/scoring.md), from a Fraction or Decimal."""
    if isinstance(x, F):
        x = D(x.numerator) / D(x.denominator)
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def check(what, value, expected, tolerance=D("0")):
    got = r2(value)
    exp = D(str(expected)).quantize(D("0.01"))
    if abs(got - exp) > tolerance:
        raise SystemExit(f"CHECK FAILED: {what}: {got} != {exp}")


# ---------------------------------------------------------------------------------------------------------------
# 1. Projects: 181 active (+ 2 removed by reprogramming). Counts by sub-area and type are the report's (002:L1355-1393).
#    KPI fractions of the 22 delayed projects: tests/Performance.Domain.Tests/Projects/InpsProjects2024.cs (invented so
#    that every sub-area mean rounds to the printed value); every other project has 4 of 4 KPIs achieved. As there,
#    the delayed projects are the last of their sub-area, with project types ordered PES Strategico, PES Istituzionale,
#    No PES (so the delayed ones are No PES first).
# ---------------------------------------------------------------------------------------------------------------
DELAYED = {
    "VS.1": [(2, 7), (4, 9), (1, 2), (3, 5), (3, 4)],
    "VS.2": [(5, 7)],
    "VI.1": [(3, 5), (3, 4)],
    "VI.2": [(1, 2), (2, 3), (3, 4), (4, 5), (4, 5)],
    "VI.3": [(5, 6), (6, 7)],
    "VE.3": [(1, 2), (4, 5), (4, 5)],
    "VEC.3": [(3, 5)],
    "VO.2": [(2, 3), (2, 3), (2, 3)],
}
TYPE_LABEL = {"PesStrategico": "PES Strategico", "PesIstituzionale": "PES Istituzionale", "NoPes": "No PES"}

projects = []  # dicts: code, area, sub, type, due, achieved
for area in REF["valueAreas"]:
    for sub in area["subAreas"]:
        p = sub["projects"]
        types = ["PesStrategico"] * p["pesStrategico"] + ["PesIstituzionale"] * p["pesIstituzionale"] + ["NoPes"] * p["noPes"]
        delayed = DELAYED.get(sub["code"], [])
        first_delayed = len(types) - len(delayed)
        for i, t in enumerate(types):
            achieved, due = delayed[i - first_delayed] if i >= first_delayed else (4, 4)
            projects.append({"code": f"PRJ-{sub['code']}-{i + 1:02d}", "area": area["code"], "sub": sub["code"], "type": t,
                             "due": due, "achieved": achieved, "title": None, "note": None})
by_code = {p["code"]: p for p in projects}


def realization(p):
    return min(F(100), F(100 * p["achieved"], p["due"]))


def mean(values):
    values = list(values)
    return sum(values, F(0)) / len(values)


# The report's figures for projects, checked.
totals = REF["projectTotals"]
assert len(projects) == totals["count"] == 181
check("overall project realization", mean(realization(p) for p in projects), totals["realization"])
complete = [p for p in projects if realization(p) == 100]
assert len(complete) == totals["atFullRealization"] == 159
check("complete %", F(len(complete) * 100, len(projects)), totals["atFullRealizationPercent"])
for area in REF["valueAreas"]:
    in_area = [p for p in projects if p["area"] == area["code"]]
    # Sociale: 87,702 with these fractions (the printed sub-area values 81,39·13 + 96,83·9 would give 87,706).
    check(f"area {area['code']}", mean(realization(p) for p in in_area), area["projects"]["realization"])
    for sub in area["subAreas"]:
        in_sub = [p for p in projects if p["sub"] == sub["code"]]
        check(f"sub-area {sub['code']}", mean(realization(p) for p in in_sub), sub["projects"]["realization"])

# ---------------------------------------------------------------------------------------------------------------
# 2. LGG ⇄ projects. The report gives each LGG's attuazione (mean realization of its linked projects, 002:L1210-1270)
#    but not the links. Reconstruction: each LGG below 100 gets the delayed projects listed here plus the stated number
#    of fully realized ones; every PES Strategico ("progetti attuativi delle LGG", 002:L1274) is linked to exactly one
#    LGG; 8 delayed projects implement no LGG ("sia attuativi che non attuativi delle LGG", 002:L1330).
#    (sub-area, position among its delayed projects) → the delayed project.
# ---------------------------------------------------------------------------------------------------------------
BELOW_100 = {
    # LGG: (delayed projects, number of 100% projects)          realizations                       → mean
    1: ([("VI.3", 1), ("VE.3", 1), ("VO.2", 1)], 4),   # 85,71 + 80 + 66,67 + 4×100 over 7            → 90,34
    5: ([("VI.2", 2)], 6),                              # 75 + 6×100 over 7                            → 96,43
    7: ([("VI.1", 1)], 3),                              # 75 + 3×100 over 4                            → 93,75
    8: ([("VE.3", 2), ("VO.2", 2)], 5),                 # 80 + 66,67 + 5×100 over 7                    → 92,38
    12: ([("VE.3", 0)], 3),                             # 50 + 3×100 over 4                            → 87,50
    13: ([("VO.2", 0)], 1),                             # 66,67 + 100 over 2                           → 83,33
    15: ([("VS.1", 2), ("VS.1", 3), ("VI.3", 0)], 2),   # 50 + 60 + 83,33 + 2×100 over 5               → 78,67
    16: ([("VS.1", 4)], 2),                             # 75 + 2×100 over 3                            → 91,67
    21: ([("VI.2", 1)], 3),                             # 66,67 + 3×100 over 4                         → 91,67
}
# Titles the footnotes give for the project causing the delay (002:L3432-4149); on the first delayed project listed.
NAMED_DELAYED = {
    1: "Completamento delle progettualità della DC Pensioni (riprogrammato al 2025)",
    5: "«INPS per tutti»",
    7: "Reingegnerizzazione dei servizi per cariche elettive e sindacali, totalizzazione estero e accredito figurativo maternità fuori dal rapporto di lavoro",
    8: "Percorso formativo sulla vigilanza ispettiva",
    12: "Supporto alle strutture centrali e territoriali per l'adozione di misure correttive finalizzate al miglioramento del contenzioso, anche per la prevenzione e il contrasto di fenomeni seriali (piattaforma SIRICO)",
    13: "Percorso formativo sul sistema di misurazione e valutazione della performance individuale",
    15: "Efficientamento delle funzioni di acquisizione delle sedi strumentali e degli archivi attraverso l'utilizzo delle risorse a Bilancio",
    16: "Acquisto di un immobile da destinare a sede di archivio INPS",
    21: "Evoluzione della piattaforma Open Data (componenti di back end)",
}
# Thematic sub-area preferred when picking the fully realized projects of each LGG (a reading of the titles; the
# report does not say it).
PREFERRED_SUB = {
    1: "VI.3", 2: "VI.3", 3: "VI.3", 4: "VS.2", 5: "VI.2", 6: "VO.3", 7: "VO.3", 8: "VE.3", 9: "VI.3", 10: "VEC.2",
    11: "VI.3", 12: "VE.3", 13: "VO.1", 14: "VEC.2", 15: "VE.1", 16: "VS.1", 17: "VE.2", 18: "VI.2", 19: "VE.2",
    20: "VO.2", 21: "VEC.1", 22: "VEC.2", 23: "VO.3",
}
delayed_by_sub = {s: [p for p in projects if p["sub"] == s and realization(p) < 100] for s in DELAYED}
links = {g["number"]: [] for g in REF["guidelines"]}
linked = set()
for number, (delayed, _) in BELOW_100.items():
    for k, (sub, pos) in enumerate(delayed):
        p = delayed_by_sub[sub][pos]
        assert p["code"] not in linked, p["code"]
        links[number].append(p["code"])
        linked.add(p["code"])
        if k == 0:
            p["title"] = NAMED_DELAYED[number]

full_strategic = [p for p in projects if p["type"] == "PesStrategico" and realization(p) == 100]
assert len(full_strategic) == 59 == totals["pesStrategico"]


def take(number):
    """The next unlinked fully realized PES Strategico, preferring the LGG's sub-area, then its area."""
    pref = PREFERRED_SUB[number]
    free = [p for p in full_strategic if p["code"] not in linked]
    for candidates in ([p for p in free if p["sub"] == pref], [p for p in free if p["area"] == pref.split(".")[0]], free):
        if candidates:
            p = candidates[0]
            linked.add(p["code"])
            links[number].append(p["code"])
            return
    raise SystemExit(f"no PES Strategico left for LGG {number}")


for number, (_, full) in BELOW_100.items():
    for _ in range(full):
        take(number)
at_100 = [g["number"] for g in REF["guidelines"] if g["number"] not in BELOW_100]
for number in at_100:
    take(number)
i = 0
while any(p["code"] not in linked for p in full_strategic):  # the rest, round robin over the LGG at 100
    take(at_100[i % len(at_100)])
    i += 1

for g in REF["guidelines"]:
    check(f"LGG {g['number']} attuazione", mean(realization(by_code[c]) for c in links[g["number"]]), g["attuazione"])

# OGE: indicator component = one indicator per OGE, "grado di raggiungimento" ≥ 100, consuntivo = the published
# component (the detail slides are images, 002:L1608). Result = (projects + indicators)/2, uncapped.
oge_indicator = {}
for o in REF["generalObjectives"]:
    attuazione = mean(realization(by_code[c]) for c in links[o["guideline"]])
    check(f"OGE {o['guideline']} project component", attuazione, o["projectComponent"])
    check(f"OGE {o['guideline']} result", (attuazione + F(str(o["indicatorComponent"]))) / 2, o["result"])
    oge_indicator[o["guideline"]] = o

# ---------------------------------------------------------------------------------------------------------------
# 3. Valore Pubblico. Published: central 115,90, territorial 132,18, institute 124,04 and the two pies (shares read
#    in legend order VS, VI, VE, VEC, VO; the reference JSON notes that this order is not certain). Not published:
#    the per-structure table and map (images), area weights (all 1 here), production volumes.
# ---------------------------------------------------------------------------------------------------------------
AREAS = [a["code"] for a in REF["valueAreas"]]
pv = REF["publicValue"]

# Central: one aggregate structure; its five area scores are the central shares × 5 × 115,90, each share lowered by
# 0,002 so that they add up to 100 (the printed ones add up to 100,01), then rounded to 2 decimals.
central_shares = [D(str(s)) for s in pv["centralAreaShares"]["sharesAsPrinted"]]
central_scores = [r2((s - D("0.002")) * 5 * D(str(pv["central"])) / 100) for s in central_shares]
central_vp = sum(central_scores) / 5
check("central VP", central_vp, pv["central"])
for s, a in zip(central_shares, central_scores):
    check("central share", a / sum(central_scores) * 100, s)

# Territorial: the four DR/DCM with a logistics intervention (their Valore Sociale item is the intervention, 002:L1654-
# 1680) and one aggregate of the other 19 DR/DCM. Every territorial structure gets the same reconstructed score in
# VI, VE, VEC, VO (the territorial mean is all the report gives); the invented volumes set the weight of each.
LOGISTICS = [
    # code, structure, sede, intervento (abridged), durata, completion
    ("LOG.BZ", "DR-TAA", "Bolzano", "Rilascio dello stabile di Piazza della Vittoria n. 39 e trasferimento in Piazza Domenicani n. 30", 12, D("100")),
    ("LOG.TN", "DR-TAA", "Trento", "Rilascio dello stabile di Via Brennero n. 3 e trasferimento in Via delle Orfane n. 8; rilascio archivi cartacei", 12, D("100")),
    ("LOG.TE", "DR-ABR", "Teramo", "Rilascio dell'immobile in locazione di via Oberdan e trasferimento negli immobili di proprietà", 42, D("100")),
    ("LOG.CR", "DR-LOM", "Cremona", "Rilascio dello stabile in Piazza Cadorna e trasferimento nello stabile di proprietà di via Massarotti", 28, D("66.67")),
    ("LOG.RM", "DCM-RM", "Roma", "Rilascio dell'immobile FIP in Via dell'Amba Aradam (DCM Roma / DR Lazio)", 24, D("0")),
]
LOG_NOTES = {
    "LOG.CR": "Rimodulazione delle fasi dell'intervento (vulnerabilità sismica, nuovo codice degli appalti): CdA deliberazione n. 42 del 12 marzo 2025 (002:L1682-1686).",
    "LOG.RM": "Intervento sospeso nelle more della definizione delle esigenze allocative: CdA deliberazione n. 42 del 12 marzo 2025 (002:L1687-1689).",
}
check("logistics node", sum(c for *_, c in LOGISTICS) / 5, "73.33")

TERRITORIAL = [
    ("DR-TAA", "Direzione regionale Trentino Alto Adige", "DR", "Trentino-Alto Adige", 160_000),
    ("DR-ABR", "Direzione regionale Abruzzo", "DR", "Abruzzo", 260_000),
    ("DR-LOM", "Direzione regionale Lombardia", "DR", "Lombardia", None),   # solved below
    ("DCM-RM", "Direzione di coordinamento metropolitano di Roma", "DCM", "Lazio", 800_000),
    ("TERR-ALTRE", "Altre 19 Direzioni regionali e di coordinamento metropolitano (aggregato)", "DR/DCM", None, None),
]
TOTAL_VOLUME = 10_000_000
terr_shares = [D(str(s)) for s in pv["territorialAreaShares"]["sharesAsPrinted"]]
terr_vp_target = D(str(pv["territorial"]))
social = {}
for _, s, *_rest, c in LOGISTICS:
    social.setdefault(s, []).append(c)
social = {s: sum(v) / len(v) for s, v in social.items()}


def territorial(volumes, other):
    """VP per structure, territorial VP and shares, exactly as the endpoint computes them."""
    total = sum(volumes.values())
    contrib = {a: D(0) for a in AREAS}
    vp_sum = D(0)
    for code, vol in volumes.items():
        items = dict(other)
        if code in social:
            items["VS"] = social[code]
        vp = sum(items.values()) / len(items)
        vp_sum += vol * vp
        for a, score in items.items():
            contrib[a] += vol * score / len(items)
    vp = vp_sum / total
    return vp, [contrib[a] / total / vp * 100 for a in AREAS]


# Lombardia's volume makes the Sociale share 2,04%: Σ vol·social/5 / total = 2,04% × 132,18.
fixed = {c: v for c, _, _, _, v in TERRITORIAL if v}
lom = (terr_shares[0] / 100 * terr_vp_target * 5 * TOTAL_VOLUME - sum(fixed[s] * social[s] for s in fixed)) / social["DR-LOM"]
volumes = dict(fixed)
volumes["DR-LOM"] = int(lom.to_integral_value())
volumes["TERR-ALTRE"] = TOTAL_VOLUME - sum(volumes.values())
w_other = D(volumes["TERR-ALTRE"]) / TOTAL_VOLUME
f = w_other / 4 + (1 - w_other) / 5
terr_scores = {a: r2(s / 100 * terr_vp_target / f) for a, s in zip(AREAS[1:], terr_shares[1:])}
terr_vp, shares = territorial(volumes, terr_scores)
check("territorial VP", terr_vp, pv["territorial"])
for s, got in zip(terr_shares, shares):
    check("territorial share", got, s)
check("institute VP", (central_vp + terr_vp) / 2, pv["institute"])

# ---------------------------------------------------------------------------------------------------------------
# 4. The plan document.
# ---------------------------------------------------------------------------------------------------------------
actuals = []


def actual(indicator, structure=None, **fields):
    row = {"indicator": indicator}
    if structure:
        row["structure"] = structure
    row.update({"year": YEAR, "period": "Y"})
    row.update(fields)
    actuals.append(row)


def indicator(code, name, target, **extra):
    ind = {"code": code, "name": name, "type": extra.pop("type", "Output"), "unit": extra.pop("unit", "None"),
           "polarity": extra.pop("polarity", "HigherIsBetter"), "weight": 1, "targets": {str(YEAR): target},
           "baseline": None, "formula": extra.pop("formula", None), "source": extra.pop("source", None),
           "frequency": "Annual", "aggregation": "Last", "cap": None}
    ind.update(extra)
    return ind


def node(code, kind, title, **extra):
    n = {"code": code, "kind": kind, "title": title, "weight": 1, "structure": None, "responsible": None,
         "valueArea": None, "subArea": None, "indicators": [], "children": []}
    n.update(extra)
    return n


def project_node(p):
    kpis = []
    for k in range(1, p["due"] + 1):
        code = f"{p['code']}.K{k}"
        kpis.append(indicator(code, f"KPI {k} del progetto {p['code'][4:]} con scadenza 2024 (ricostruito)", "Realizzazione",
                              polarity="Milestone", source="SAP-SAC (ricostruito)"))
        done = k <= p["achieved"]
        if p.get("status") == "cancelled":
            continue
        if done:
            actual(code, done=True)
        else:
            actual(code, done=False, note="KPI non realizzato entro il 31/12/2024 (esito ricostruito: il report dà solo le medie).")
    title = p["title"] or f"Progetto {p['code'][4:]} – {TYPE_LABEL[p['type']]} (titolo non pubblicato nel report)"
    return node(p["code"], "Project", title, projectType=p["type"], years=[YEAR], indicators=kpis)


# Two projects removed by the reprogramming (183 → 181, 002:L1330-1334): one integrated into another, one cancelled.
removed = [
    {"code": "PRJ-RIPR-01", "area": "VO", "sub": "VO.3", "type": "PesIstituzionale", "due": 2, "achieved": 2,
     "title": "Progetto integrato in PRJ-VO.3-10 per attinenza (ricostruito)"},
    {"code": "PRJ-RIPR-02", "area": "VE", "sub": "VE.2", "type": "NoPes", "due": 3, "achieved": 0, "status": "cancelled",
     "title": "Progetto annullato per assenza di necessità sopravvenuta (ricostruito)"},
]
reprogramming = [
    {"kind": "MergeProject", "node": "PRJ-RIPR-01", "intoProject": "PRJ-VO.3-10", "act": ACT_REPROGRAMMING, "date": "2024-08-21",
     "reason": "Integrazione del progetto in un altro per attinenza (002:L1330-1334)."},
    {"kind": "CancelProject", "node": "PRJ-RIPR-02", "act": ACT_REPROGRAMMING, "date": "2024-08-21",
     "reason": "Annullamento per assenza di necessità sopravvenuta (002:L1330-1334)."},
]

area_nodes = []
for area in REF["valueAreas"]:
    sub_nodes = []
    for sub in area["subAreas"]:
        members = [p for p in projects if p["sub"] == sub["code"]] + [p for p in removed if p["sub"] == sub["code"]]
        sub_nodes.append(node(f"PRJ.{sub['code']}", "OperationalObjective", f"Progetti – {sub['name']}",
                              valueArea=area["code"], subArea=sub["code"], children=[project_node(p) for p in members]))
    area_nodes.append(node(f"PRJ.{area['code']}", "StrategicObjective", f"Progetti – {area['name']}", valueArea=area["code"], children=sub_nodes))

# Logistics (Valore Sociale / Impatto ambientale): one Action per intervention, responsible its DR/DCM.
log_children = []
for code, structure, sede, what, months, completion in LOGISTICS:
    ind = indicator(f"{code}.I1", f"Razionalizzazione logistica {sede}: % di realizzazione dell'intervento ({months} mesi)",
                    "Realizzazione dell'intervento", polarity="Milestone", unit="Percent", source="Relazione 2024, 002:L1654-1680")
    log_children.append(node(code, "Action", f"{sede}: {what}", structure=structure, indicators=[ind]))
    extra = {"justification": LOG_NOTES[code]} if code in LOG_NOTES else {}
    actual(f"{code}.I1", completion=float(completion), note="Percentuale di realizzazione al 31/12/2024 pubblicata (002:L1654-1680).", **extra)
logistics = node("LOG", "OperationalObjective", "Razionalizzazione logistica (solo per le strutture coinvolte)", valueArea="VS", subArea="VS.1",
                 responsible="DC Patrimonio (corresponsabile con le strutture territoriali)", children=log_children)

# OGE indicator components.
oge_nodes = []
OGE_SUB = {12: "VE.3", 6: "VO.3", 7: "VO.3", 8: "VO.3"}
for number, o in oge_indicator.items():
    code = f"OGE-{number:02d}.I1"
    name = ("Riduzione giacenza ricorsi amministrativi in valore assoluto: grado di raggiungimento" if number == 12
            else f"Indicatori dell'OGE (LGG {number}): grado di raggiungimento")
    oge_nodes.append(node(f"OGE-{number:02d}", "OperationalObjective", f"OGE – {o['title']}", valueArea=o["valueArea"], subArea=OGE_SUB[number],
                          indicators=[indicator(code, name, ">= 100", unit="None", source="Relazione 2024, 002:L1470-1496 (componente Indicatori)",
                                                formula="componente «Indicatori» pubblicata; il dettaglio di calcolo è in una slide non estratta (002:L1608)")]))
    extra = {"justification": "Componente indicatori pubblicata sotto il 100% (99,46%); il report non ne dà la motivazione."} if o["indicatorComponent"] < 100 else {}
    actual(code, value=o["indicatorComponent"], note="Componente «Indicatori» dell'OGE pubblicata (002:L1470-1496).", **extra)

# National values of common objectives (002:L1562-1600): scored on the national scorecard only, not in any structure's
# VP (the report does not give them per structure).
NATIONAL = [
    ("NAZ.DEFLUSSO", "Indice di deflusso", "VI", "VI.3", ">= 1,013", 1.048),
    ("NAZ.PRODUTTIVITA", "Indicatore di produttività", "VI", "VI.3", ">= 48,85", 53.52),
    ("NAZ.CX", "Indagine Customer Experience: soddisfazione globale (scala 1-5)", "VI", None, ">= 3,50", 4.13),
    ("NAZ.REPUTAZIONALE", "Indagine reputazionale (scala 1-5)", "VI", None, ">= 3,50", 3.73),
    ("NAZ.IEEP-ACC", "I.E.E.P. – Accertato (euro)", "VE", "VE.1", ">= 4.249.834.748,30", 6418930625.60),
    ("NAZ.IEEP-INC", "I.E.E.P. – Incassi e pagamenti (euro)", "VE", "VE.1", ">= 7.930.574.518,20", 9407787684.63),
    ("NAZ.REDDITIVITA", "Indicatore di redditività", "VE", "VE.1", ">= 1,50", 2.29),
    ("NAZ.COSTI", "Costi totali per punto omogeneizzato", "VE", "VE.1", "<= 171,54", 155.54),
    ("NAZ.FABBISOGNI", "Indicatore dei fabbisogni standard", "VE", "VE.2", "<= 100", 87.81),
]
national_nodes = []
for code, name, area, sub, target, value in NATIONAL:
    national_nodes.append(node(code, "OperationalObjective", name, valueArea=area, subArea=sub,
                               indicators=[indicator(f"{code}.I1", name, target, source="Relazione 2024, 002:L1562-1600")]))
    actual(f"{code}.I1", value=value, note="Consuntivo nazionale 2024 pubblicato (002:L1562-1600).")

# Valore Pubblico per structure: one indicator per area, its consuntivo the reconstructed area score.
vp_children = []
for code, scores in [("DC-AGG", dict(zip(AREAS, central_scores)))] + [(c, terr_scores) for c, *_ in TERRITORIAL]:
    inds = [indicator(f"VP.{code}.{a}", f"Risultato dell'ambito {a} (ricostruito)", ">= 100", valueArea=a,
                      source="ricostruito dagli aggregati pubblicati (002:L1131-1205)") for a in scores]
    vp_children.append(node(f"VP.{code}", "OperationalObjective", f"Valore Pubblico – risultati per ambito di {code} (ricostruiti)",
                            structure=code, indicators=inds))
    for a, s in scores.items():
        actual(f"VP.{code}.{a}", structure=code, value=float(s), note="Valore ricostruito: il report pubblica solo gli aggregati.")

nodes = [node("INPS-2024", "Mission", "Piano della performance 2024 – Istituto Nazionale della Previdenza Sociale", children=[
    node("PRJ", "StrategicArea", "Progetti di performance 2024 (PES Strategici, PES Istituzionali, No PES)", children=area_nodes),
    node("OC", "StrategicArea", "Obiettivi comuni delle strutture centrali e territoriali", children=[logistics] + national_nodes),
    node("OGE", "StrategicArea", "Obiettivi generali di Ente: componente indicatori", children=oge_nodes),
    node("VP", "StrategicArea", "Valore Pubblico delle strutture: risultati per ambito (ricostruiti)", children=vp_children),
])]

guidelines = []
oge_numbers = {o["guideline"] for o in REF["generalObjectives"]}
for g in REF["guidelines"]:
    doc = {"number": g["number"], "title": g["title"], "kind": g["kind"], "programmes": g["civProgrammes"], "projects": links[g["number"]]}
    if g.get("footnote"):
        doc["justification"] = g["footnote"]
    if g["number"] in oge_numbers:
        doc["indicators"] = [f"OGE-{g['number']:02d}.I1"]
    guidelines.append(doc)

structures = [{"code": "DC-AGG", "name": "Direzioni centrali (aggregato)", "kind": "Central", "type": "DC", "region": None, "parent": None, "volumes": {}}]
for code, name, typ, region, _ in TERRITORIAL:
    structures.append({"code": code, "name": name, "kind": "Territorial", "type": typ, "region": region, "parent": None,
                       "volumes": {str(YEAR): volumes[code]}})

description = (
    "Campione INPS 2024 ricostruito dalla Relazione sulla Performance 2024 (CdA deliberazione n. 89 del 5 giugno 2025; "
    "docs/sources/inps-relazione-performance-2024.txt, estratto in tests/Performance.Domain.Tests/Data/inps-2024-reference.json), generato da "
    "Samples/generate_inps_2024.py. PUBBLICATI e riprodotti dall'API: 5 ambiti e 14 sottoambiti; numero di progetti per "
    "sottoambito e tipo (59 PES Strategici, 85 PES Istituzionali, 37 No PES = 181, 183 prima della riprogrammazione) e "
    "realizzazione per sottoambito, ambito e complessiva (95,88; 159 progetti al 100% = 87,85%); le 23 LGG con tipo "
    "(4 OGE, 19 OSP), linee CIV, attuazione e note di giustificazione; le componenti progetti e indicatori dei 4 OGE e il "
    "risultato complessivo; le 5 percentuali della razionalizzazione logistica (media 73,33); i consuntivi nazionali di "
    "alcuni obiettivi comuni; Valore Pubblico centrale 115,90, territoriale 132,18, di Istituto 124,04 e le quote per ambito "
    "delle due torte (lette nell'ordine della legenda VS, VI, VE, VEC, VO, che l'estrazione del testo non garantisce). "
    "RICOSTRUITI (non pubblicati): i singoli progetti e i loro titoli (salvo quelli citati nelle note), i KPI di ogni "
    "progetto e il loro esito (4 su 4 per i 159 completi; frazioni inventate per i 22 in ritardo, tali da dare le medie "
    "stampate), quali progetti attuano quale LGG, i due progetti tolti dalla riprogrammazione, il valore della componente "
    "indicatori degli OGE come unico indicatore di grado di raggiungimento, e tutto il Valore Pubblico per struttura: una "
    "struttura centrale aggregata con cinque risultati d'ambito ricavati dalle quote della torta, quattro DR/DCM (quelle "
    "con un intervento logistico, il cui Valore Sociale è l'intervento) più un aggregato delle altre 19 DR/DCM, tutte con "
    "lo stesso risultato ricostruito negli altri quattro ambiti, e volumi di produzione inventati (totale 10.000.000). "
    "Pesi degli ambiti: 1. Punteggi non limitati a 100."
)

plan = {
    "organization": {"code": "INPS", "name": "Istituto Nazionale della Previdenza Sociale"},
    "code": "RP-2024",
    "title": "Relazione sulla Performance 2024 – obiettivi 2024 (PIAO 2024-2026, Det. DG n. 28/2024)",
    "description": description,
    "startYear": YEAR,
    "endYear": YEAR,
    "scoringPolicy": {"cap": None, "lowerIsBetter": "Reflected", "missing": "Exclude", "threshold": None, "bands": []},
    "valueAreas": [{"code": a["code"], "name": a["name"], "weight": 1,
                    "subAreas": [{"code": s["code"], "name": s["name"]} for s in a["subAreas"]]} for a in REF["valueAreas"]],
    "structures": structures,
    "nodes": nodes,
    "guidelines": guidelines,
    "reprogramming": reprogramming,
}
assert len(description) <= 8000

with open(os.path.join(HERE, "inps-2024.json"), "w", encoding="utf-8") as fh:
    json.dump(plan, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
with open(os.path.join(HERE, "inps-2024-actuals.json"), "w", encoding="utf-8") as fh:
    json.dump({"description": "Consuntivi 2024 del campione INPS RP-2024. Pubblicati: percentuali della razionalizzazione logistica, "
                              "componenti indicatori degli OGE, valori nazionali degli obiettivi comuni. Ricostruiti: esito dei KPI "
                              "dei progetti (solo le medie sono pubblicate) e risultati per ambito delle strutture (solo gli aggregati "
                              "sono pubblicati). Vedi Samples/README.md.",
               "actuals": actuals}, fh, ensure_ascii=False, indent=1)
    fh.write("\n")

print(f"projects {len(projects)} (+{len(removed)} removed), actuals {len(actuals)}")
print("central scores", dict(zip(AREAS, central_scores)), "VP", central_vp)
print("territorial scores", terr_scores, "volumes", volumes, "VP", terr_vp, "shares", [r2(s) for s in shares])
print("links", {k: len(v) for k, v in links.items()})
