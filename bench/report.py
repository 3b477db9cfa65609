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
    table.append({"scenario": s, "gatehouse": g, "keycloak": k,
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

out = {"settings": settings, "limits_ops_per_s_one_thread": limits, "startup": m, "scenarios": table, "rows": rows}
(results / "latest.json").write_text(json.dumps(out, indent=2) + "\n")

L = []
L.append(f"Run {settings.get('date')}: {settings.get('nproc')} CPUs ({settings.get('cpu')}), {settings.get('java')}, "
         f"Keycloak {settings.get('keycloak')}, heap `{settings.get('heap')}` for both; wrk {settings.get('wrk_threads')} threads / "
         f"{settings.get('wrk_connections')} keep-alive connections, {settings.get('duration_s')} s per scenario after "
         f"{settings.get('warmup_s')} s warm-up; login driver {settings.get('login_workers')} workers for "
         f"{settings.get('login_seconds')} s; quick={settings.get('quick')}; load average at the end {settings.get('loadavg_end')}.")
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
L.append("| system | first start (empty schema) s | restart to ready s | idle RSS MB |")
L.append("|---|---:|---:|---:|")
for sysname in ("gatehouse", "keycloak"):
    if sysname in m:
        x = m[sysname]
        L.append(f"| {sysname} | {fmt(x.get('startup_first_s'), 2)} | {fmt(x.get('startup_restart_s'), 2)} | {fmt(x.get('idle_rss_mb'), 0)} |")
L.append("")
for sysname in ("gatehouse", "keycloak"):
    if sysname in m and m[sysname].get("password_hash"):
        L.append(f"- {sysname} stored password hash (parameters): `{m[sysname]['password_hash']}`")
L.append("")
L.append("Physical limits (JMH, one thread, ops/s): " + ", ".join(f"{k} {fmt(v)}" for k, v in sorted(limits.items())))
(results / "latest.md").write_text("\n".join(L) + "\n")
