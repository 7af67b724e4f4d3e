"""Change alerts: dyads and actors whose activity changed between two windows of N weeks.

The recent window is the ``weeks`` weeks that end on ``as_of`` (by default the date of the
latest event under the filter); the previous window is the ``weeks`` weeks before it. A
series is flagged when its event count changed by at least ``count_change`` (0.25 = 25 %)
or its mean Goldstein score by at least ``goldstein_change`` points. A series with fewer
than ``floor`` events in both windows is *quiet*: it is counted, never flagged, because a
move from 1 to 2 events is not news.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from communique.analysis.dyads import actor_expr
from communique.analysis.queries import EventFilter, QueryError, plain, source_of, view_columns, where_clause


@dataclass(frozen=True)
class AlertRule:
    weeks: int = 4
    count_change: float = 0.25
    goldstein_change: float = 2.0
    floor: int = 5
    as_of: date | None = None
    level: str = "country"
    limit: int = 50


@dataclass
class Alert:
    kind: str                    # "dyad" or "actor"
    key: list[str]               # [source, target] or [actor]
    recent: int
    previous: int
    change: float | None         # relative change of the count; None when previous is 0
    goldstein_recent: float | None
    goldstein_previous: float | None
    reasons: list[str] = field(default_factory=list)  # new, rise, fall, goldstein_up, goldstein_down

    @property
    def goldstein_change(self) -> float | None:
        if self.goldstein_recent is None or self.goldstein_previous is None:
            return None
        return self.goldstein_recent - self.goldstein_previous

    def to_dict(self) -> dict:
        return {**asdict(self), "goldstein_change": self.goldstein_change}


def judge(kind: str, key: list[str], recent: int, previous: int, g_recent: float | None,
          g_previous: float | None, rule: AlertRule) -> Alert | None:
    """The alert a series raises under ``rule``, or None (quiet or unchanged)."""
    if max(recent, previous) < rule.floor:
        return None
    change = (recent - previous) / previous if previous else None
    alert = Alert(kind, key, recent, previous, change, g_recent, g_previous)
    if change is None:
        alert.reasons.append("new")
    elif change >= rule.count_change:
        alert.reasons.append("rise")
    elif change <= -rule.count_change:
        alert.reasons.append("fall")
    delta = alert.goldstein_change
    if delta is not None and min(recent, previous) >= rule.floor and abs(delta) >= rule.goldstein_change:
        alert.reasons.append("goldstein_up" if delta > 0 else "goldstein_down")
    return alert if alert.reasons else None


def windows(as_of: date, weeks: int) -> tuple[tuple[date, date], tuple[date, date]]:
    """(recent, previous) as (first day, last day) pairs."""
    span = timedelta(weeks=weeks)
    recent = (as_of - span + timedelta(days=1), as_of)
    previous = (recent[0] - span, recent[0] - timedelta(days=1))
    return recent, previous


def alerts(con, rule: AlertRule = AlertRule(), f: EventFilter = EventFilter()) -> dict:
    """Alerts for dyads and actors under a filter (its dates are replaced by the windows).

    Returns as_of, the two windows, the rule, ``alerts`` (largest change in count first),
    ``series`` (how many series were compared) and ``quiet`` (how many were below the floor).
    """
    if rule.weeks < 1:
        raise QueryError("weeks must be at least 1")
    cols = view_columns(con)
    as_of = rule.as_of
    if as_of is None:
        cond, params = where_clause(f, cols)
        as_of = con.execute(f"SELECT max(e.date) FROM {source_of(f)} e WHERE {cond}", params).fetchone()[0]
    out = {"as_of": plain(as_of), "rule": {k: plain(v) for k, v in asdict(rule).items()},
           "alerts": [], "series": 0, "quiet": 0}
    if as_of is None:
        return out
    recent, previous = windows(as_of, rule.weeks)
    out["recent"] = {"start": recent[0].isoformat(), "end": recent[1].isoformat()}
    out["previous"] = {"start": previous[0].isoformat(), "end": previous[1].isoformat()}
    scoped = EventFilter(**{**f.__dict__, "start": previous[0], "end": recent[1]})
    cond, params = where_clause(scoped, cols)
    table = source_of(scoped)
    src, tgt = actor_expr("source", rule.level), actor_expr("target", rule.level)
    window = "CASE WHEN e.date >= ? THEN 'recent' ELSE 'previous' END"
    measures = ("count(*) FILTER (WHERE w = 'recent'), count(*) FILTER (WHERE w = 'previous'), "
                "avg(goldstein) FILTER (WHERE w = 'recent'), avg(goldstein) FILTER (WHERE w = 'previous')")
    dyad_rows = con.execute(
        f"WITH x AS (SELECT {src} AS a, {tgt} AS b, {window} AS w, e.goldstein FROM {table} e "
        f"WHERE {cond} AND e.target_code IS NOT NULL) SELECT a, b, {measures} FROM x GROUP BY a, b",
        [recent[0], *params]).fetchall()
    actor_rows = con.execute(
        f"WITH x AS (SELECT {src} AS a, {window} AS w, e.goldstein FROM {table} e WHERE {cond} "
        f"UNION ALL SELECT {tgt}, {window}, e.goldstein FROM {table} e WHERE {cond} "
        f"AND e.target_code IS NOT NULL) SELECT a, {measures} FROM x GROUP BY a",
        [recent[0], *params, recent[0], *params]).fetchall()
    found = []
    series = [("dyad", [a, b], rest) for a, b, *rest in dyad_rows] + \
             [("actor", [a], rest) for a, *rest in actor_rows]
    for kind, key, (n_recent, n_previous, g_recent, g_previous) in series:
        if max(n_recent, n_previous) < rule.floor:
            out["quiet"] += 1
        alert = judge(kind, key, n_recent, n_previous, g_recent, g_previous, rule)
        if alert:
            found.append(alert)
    found.sort(key=lambda a: (-abs(a.recent - a.previous), a.kind, a.key))
    out["series"] = len(series)
    out["alerts"] = [a.to_dict() for a in found[:rule.limit]]
    return out
