#!/usr/bin/env python3
"""Writes bench/results/latest.md and latest.json from a bench/run.sh run directory.

usage: report.py <run dir> <results dir> <settings json>
"""
import json
import sys
from pathlib import Path

work, results, settings = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
rows = [json.loads(l) for l in (work / "rows.jsonl").read_text().splitlines() if l.strip()]
meta = [json.loads(l) for l in (work / "meta.jsonl").read_text().splitlines() if l.strip()]
jmh = json.loads((work / "jmh.json").read_text()) if (work / "jmh.json").exists() else []

limits = {}
for b in jmh:
    name = b["benchmark"].rsplit(".", 1)[-1]
    key = {"sign": "es256_sign", "verify": "es256_verify", "argon2idVerifyOwasp": "argon2id_verify"}.get(name, name)
    limits[key] = round(b["primaryMetric"]["score"], 1)

by = {(r["system"], r["scenario"]): r for r in rows}
scenarios = ["client_credentials", "refresh_token", "introspection", "userinfo", "jwks", "login"]
nproc = int(settings.get("nproc", 2))


def fmt(v, nd=1):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.{nd}f}"
    return f"{v:,}"


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


# Which limit each scenario is set against: tokens minted -> ES256 signs; a login -> one Argon2id verify
# (+ signs, negligible next to it); userinfo/introspection of a JWT -> one ES256 verify (if the
# server verifies the signature; Gatehouse may look the token up instead).
limit_of = {"client_credentials": "es256_sign", "refresh_token": "es256_sign", "login": "argon2id_verify",
            "userinfo": "es256_verify", "introspection": "es256_verify"}

table = []
for s in scenarios:
    g, k = by.get(("gatehouse", s)), by.get(("keycloak", s))
    lim = limits.get(limit_of.get(s, ""), None)
    share = None
    share_cpu = None
    if g and lim:
        share = round(g["rps"] / (lim * nproc), 3)                   # of the limit on all cores
        if g.get("cpu_s_per_1k"):
            share_cpu = round((1000 / g["cpu_s_per_1k"]) / lim, 3)   # per CPU-second the server actually used
    half = {}
    for sysname, r in (("gatehouse", g), ("keycloak", k)):
        if r and r.get("half_load_p99_ms") is not None:
            half[sysname] = {key[len("half_load_"):]: v for key, v in r.items() if key.startswith("half_load_")}
    table.append({"scenario": s, "gatehouse": g, "keycloak": k, "half_load": half,
                  "rps_ratio": ratio(g and g["rps"], k and k["rps"]),
                  "cpu_ratio": ratio(g and g["cpu_s_per_1k"], k and k["cpu_s_per_1k"]),
                  "limit": limit_of.get(s), "limit_ops_per_s": lim,
                  "share_of_limit_all_cores": share, "share_of_limit_per_cpu_s": share_cpu})

m = {}
for x in meta:
    try:
        v = float(x["value"])
    except ValueError:
        v = x["value"]
    m.setdefault(x["system"], {})[x["what"]] = v

# Goal: p99 under 10 ms at half of peak load, for every single-request scenario (login is a flow
# of four requests, not one). Met only with no errors: an error's latency (a fast 4xx) must not
# help a p99, and a timeout counts as the timeout.
P99_GOAL_MS = 10.0
single = [s for s in scenarios if s != "login"]
goal_half = {}
for t in table:
    if t["scenario"] not in single:
        continue
    for sysname, h in t["half_load"].items():
        goal_half.setdefault(t["scenario"], {})[sysname] = {
            "p99_ms": h["p99_ms"], "errors": h["errors"], "target_rps": h["target_rps"], "rps": h["rps"],
            "met": h["p99_ms"] < P99_GOAL_MS and h["errors"] == 0}
goals = {"p99_under_10ms_at_half_peak": goal_half}

out = {"settings": settings, "limits_ops_per_s_one_thread": limits, "startup": m, "scenarios": table,
       "goals": goals, "rows": rows}
(results / "latest.json").write_text(json.dumps(out, indent=2) + "\n")

L = []
L.append(f"Run {settings.get('date')}: {settings.get('nproc')} CPUs ({settings.get('cpu')}), {settings.get('java')}, "
         f"Keycloak {settings.get('keycloak')}, heap `{settings.get('heap')}` for both; wrk {settings.get('wrk_threads')} threads / "
         f"{settings.get('wrk_connections')} keep-alive connections, {settings.get('duration_s')} s per scenario after "
         f"{settings.get('warmup_s')} s warm-up; login driver {settings.get('login_workers')} workers for "
         f"{settings.get('login_seconds')} s; quick={settings.get('quick')}; load average at the start {settings.get('loadavg_start', '–')}, at the end {settings.get('loadavg_end')}"
         + (f"; the whole run took {settings['run_wall_s']} s, the paced runs at half of peak {settings.get('paced_wall_s')} s of it"
            if settings.get("run_wall_s") else "") + ".")
L.append("")
L.append("| scenario | system | req/s | p50 ms | p99 ms | errors | server CPU-s / 1k req | DB CPU-s / 1k req | peak RSS MB |")
L.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for t in table:
    for sysname in ("gatehouse", "keycloak"):
        r = t[sysname]
        if not r:
            continue
        L.append(f"| {t['scenario']} | {sysname} | {fmt(float(r['rps']))} | {fmt(float(r['p50_ms']), 2)} | {fmt(float(r['p99_ms']), 2)} | "
                 f"{r['errors']} | {fmt(r['cpu_s_per_1k'], 3)} | {fmt(r['db_cpu_s_per_1k'], 3)} | {fmt(r['peak_rss_mb'])} |")
L.append("")
L.append("login: one row = one full login (authorize → login form post → code → token with PKCE), so req/s is logins/s "
         "and CPU is per 1,000 logins.")
L.append("")
L.append("| scenario | Gatehouse/Keycloak req/s | Gatehouse/Keycloak CPU per req | limit (JMH, 1 thread) | Gatehouse ÷ (limit × cores) | Gatehouse per CPU-s ÷ limit |")
L.append("|---|---:|---:|---|---:|---:|")
for t in table:
    lim = f"{t['limit']} {fmt(t['limit_ops_per_s'])}/s" if t["limit"] and t["limit_ops_per_s"] else "–"
    L.append(f"| {t['scenario']} | {fmt(t['rps_ratio'], 2)} | {fmt(t['cpu_ratio'], 2)} | {lim} | "
             f"{fmt(t['share_of_limit_all_cores'] and t['share_of_limit_all_cores'] * 100, 0)}{'%' if t['share_of_limit_all_cores'] else ''} | "
             f"{fmt(t['share_of_limit_per_cpu_s'] and t['share_of_limit_per_cpu_s'] * 100, 0)}{'%' if t['share_of_limit_per_cpu_s'] else ''} |")
L.append("")
if any(t["half_load"] for t in table):
    L.append("### p99 at half of peak load")
    L.append("")
    L.append("Each single-request scenario again, right after its wrk run, at half of the req/s wrk measured, offered "
             "at that fixed rate by the paced driver (`PacedDriver`: open loop, latency from each request's intended "
             f"start, so queueing behind a stall counts; up to {settings.get('wrk_connections')} keep-alive connections, "
             f"{settings.get('duration_s')} s after {settings.get('paced_warmup_s')} s warm-up, timeout "
             f"{settings.get('paced_timeout_s')} s). connections: the most it had open at once. driver lag: how late "
             "the driver itself sent (p99), its own share of the latencies. driver CPU: the driver's process CPU per "
             "request (it shares the cores with the server).")
    L.append("")
    L.append("| scenario | system | peak req/s (wrk) | offered req/s | achieved req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | connections | driver lag p99 ms | driver CPU ms / req |")
    L.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for t in table:
        for sysname in ("gatehouse", "keycloak"):
            h = t["half_load"].get(sysname)
            if not h:
                continue
            dry = f" (refresh pool ran dry {h['refresh_pool_dry']}×)" if h.get("refresh_pool_dry") else ""
            L.append(f"| {t['scenario']} | {sysname} | {fmt(float(t[sysname]['rps']))} | {fmt(float(h['target_rps']))} | "
                     f"{fmt(float(h['rps']))} | {fmt(float(h['p50_ms']), 2)} | {fmt(float(h['p99_ms']), 2)} | "
                     f"{fmt(float(h['p999_ms']), 2)} | {fmt(float(h['max_ms']), 2)} | {h['errors']}{dry} | "
                     f"{h['connections']} | {fmt(h.get('schedule_lag_p99_ms') and float(h['schedule_lag_p99_ms']), 2)} | "
                     f"{fmt(float(h['driver_cpu_ms_per_req']), 3)} |")
    L.append("")
L.append("| system | first start (empty schema) s | restart to ready s | restart, plain `java -jar` s | embedded default (`bin/gatehouse serve`), median s | idle RSS MB | idle RSS, embedded MB |")
L.append("|---|---:|---:|---:|---:|---:|---:|")
for sysname in ("gatehouse", "keycloak"):
    if sysname in m:
        x = m[sysname]
        emb = fmt(x.get('startup_embedded_s'), 2)
        if x.get('startup_embedded_all_s'):
            emb += f" ({x['startup_embedded_all_s']})"
        L.append(f"| {sysname} | {fmt(x.get('startup_first_s'), 2)} | {fmt(x.get('startup_restart_s'), 2)} | "
                 f"{fmt(x.get('startup_restart_noaot_s'), 2)} | {emb} | {fmt(x.get('idle_rss_mb'), 0)} | "
                 f"{fmt(x.get('idle_rss_embedded_mb'), 0)} |")
L.append("")
L.append("Gatehouse's restart runs with the JDK 25 AOT cache (`-XX:AOTCache`, docs/operations.md), as Keycloak runs "
         "its build-time optimised `start --optimized`; the plain `java -jar` restart is beside it.")
L.append("")
for sysname in ("gatehouse", "keycloak"):
    if sysname in m and m[sysname].get("password_hash"):
        L.append(f"- {sysname} stored password hash (parameters): `{m[sysname]['password_hash']}`")
L.append("")
L.append("Physical limits (JMH, one thread, ops/s): " + ", ".join(f"{k} {fmt(v)}" for k, v in sorted(limits.items())))
if goal_half:
    L.append("")
    L.append("### Goals")
    L.append("")
    L.append(f"p99 under {P99_GOAL_MS:g} ms at half of peak load, every single-request scenario (met = p99 below it "
             "with no errors):")
    L.append("")
    shown = [sysname for sysname in ("gatehouse", "keycloak") if any(sysname in v for v in goal_half.values())]
    L.append("| scenario | " + " | ".join(shown) + " |")
    L.append("|---|" + "---|" * len(shown))
    for sc in single:
        if sc not in goal_half:
            continue
        cells = []
        for sysname in shown:
            x = goal_half[sc].get(sysname)
            if not x:
                cells.append("–")
                continue
            mark = "met" if x["met"] else "**not met**"
            err = f", {x['errors']} errors" if x["errors"] else ""
            cells.append(f"{mark} (p99 {fmt(float(x['p99_ms']), 2)} ms at {fmt(float(x['target_rps']))} req/s{err})")
        L.append(f"| {sc} | " + " | ".join(cells) + " |")
(results / "latest.md").write_text("\n".join(L) + "\n")
