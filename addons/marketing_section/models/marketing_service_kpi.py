# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

from odoo import api, models

KPI_KEYS = (
    "satisfaction",
    "satisfaction_count",
    "complaints_received",
    "complaints_closed",
    "complaints_on_time",
    "handling_rate",
    "on_time_rate",
    "revisits_planned",
    "revisits_done",
    "revisit_rate",
    "consultations_answered",
    "response_hours",
)


class MarketingServiceKpi(models.AbstractModel):
    """Customer-service KPIs computed from the records (SRV-5, seed 000 考核).

    ``_service_kpis(users, date_from, date_to)`` is the one entry point (the
    appraisal addon calls it). Four grouped queries, whatever the number of
    users and records.
    """

    _name = "marketing.service.kpi"
    _description = "Customer Service KPIs"

    @api.model
    def _service_kpis(self, users, date_from, date_to):
        """Service figures of ``users`` between two dates (both included).

        Returns ``{"users": {user id: figures}, "total": figures}``, the total
        being the figures of the users together (a group or a section: pass
        its members). ``figures`` is a dict with:

        * ``satisfaction``: average score (1-5) of the revisits done and the
          complaints closed in the period, ``satisfaction_count`` scores;
        * ``complaints_received`` in the period, ``complaints_closed`` among
          them, ``complaints_on_time`` among those closed (no stage past its
          deadline); ``handling_rate`` = closed / received and
          ``on_time_rate`` = on time / closed, in percent;
        * ``revisits_planned`` for the period (not cancelled),
          ``revisits_done`` among them, ``revisit_rate`` = done / planned;
        * ``consultations_answered`` in the period and their average
          ``response_hours``.

        A rate with nothing to divide by is ``None``. Users are the
        complaint's / revisit's / consultation's responsible person. Read as
        superuser: the figures are statistics, the caller decides who sees
        them.
        """
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to, time.max)
        acc = {user.id: dict.fromkeys(KPI_KEYS, 0) for user in users}
        ids = list(acc)
        env = self.env(su=True)

        # 1. Complaints received in the period: by responsible, stage, breach.
        for user, stage, breached, count, score_sum in env[
            "marketing.complaint"
        ]._read_group(
            [
                ("user_id", "in", ids),
                ("date_received", ">=", start),
                ("date_received", "<=", end),
                ("stage", "!=", "cancelled"),
            ],
            ["user_id", "stage", "sla_breached"],
            ["__count", "followup_score:sum"],
        ):
            figures = acc[user.id]
            figures["complaints_received"] += count
            if stage == "closed":
                figures["complaints_closed"] += count
                if not breached:
                    figures["complaints_on_time"] += count
                # Closing needs the follow-up satisfaction: one per closed.
                figures["satisfaction"] += score_sum
                figures["satisfaction_count"] += count

        # 2. Revisits planned for the period: by responsible and state.
        for user, state, count, score_sum in env["marketing.revisit"]._read_group(
            [
                ("user_id", "in", ids),
                ("planned_date", ">=", date_from),
                ("planned_date", "<=", date_to),
                ("state", "!=", "cancelled"),
            ],
            ["user_id", "state"],
            ["__count", "satisfaction_score:sum"],
        ):
            figures = acc[user.id]
            figures["revisits_planned"] += count
            if state == "done":
                figures["revisits_done"] += count
                figures["satisfaction"] += score_sum
                figures["satisfaction_count"] += count

        # 3. Consultations answered in the period.
        for user, count, hours in env["marketing.consultation"]._read_group(
            [
                ("user_id", "in", ids),
                ("date_answered", ">=", start),
                ("date_answered", "<=", end),
            ],
            ["user_id"],
            ["__count", "response_hours:sum"],
        ):
            acc[user.id]["consultations_answered"] += count
            acc[user.id]["response_hours"] += hours

        total = dict.fromkeys(KPI_KEYS, 0)
        for figures in acc.values():
            for key in KPI_KEYS:
                total[key] += figures[key]
        return {
            "users": {uid: self._finish(figures) for uid, figures in acc.items()},
            "total": self._finish(total),
        }

    @api.model
    def _finish(self, figures):
        """Turn the sums into averages and rates (percent)."""

        def ratio(num, den, scale=1.0):
            return round(scale * num / den, 2) if den else None

        figures = dict(figures)
        figures["satisfaction"] = ratio(
            figures["satisfaction"], figures["satisfaction_count"]
        )
        figures["handling_rate"] = ratio(
            figures["complaints_closed"], figures["complaints_received"], 100
        )
        figures["on_time_rate"] = ratio(
            figures["complaints_on_time"], figures["complaints_closed"], 100
        )
        figures["revisit_rate"] = ratio(
            figures["revisits_done"], figures["revisits_planned"], 100
        )
        figures["response_hours"] = ratio(
            figures["response_hours"], figures["consultations_answered"]
        )
        return figures
