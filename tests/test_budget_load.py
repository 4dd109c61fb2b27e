# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""BUD-6 under load: ``tests/load/load_budget_rpc.py`` against a real
multi-worker server, small (20 users, 1 round).

Starts ``odoo-bin`` of the Odoo this suite runs on (found through
``odoo.__file__``) with ``--workers=4`` on 127.0.0.1 and free ports, on the
test database (``MKT_DB_NAME``, ``--db-filter`` to it alone) and the
configuration ``MKT_ODOO_CONF``; waits for it; runs the script as an admin
user made for the run: 20 employees race to submit their claims against a
line covering 7, the chief signs what passed, finance posts it, each phase
all at once over JSON-RPC. Asserts no overspend, the kept amounts equal
the claims, exactly 7 claims passed each phase and 13 were refused. Then
stops the server and deletes everything the run created. The full-size
command is in tests/README.md.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from t3_common import make_user

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

SCRIPT = Path(__file__).resolve().parent / "load" / "load_budget_rpc.py"
USERS, COVERED = 20, 7
ADMIN_GROUPS = ",".join(
    (
        "base.group_user",
        "base.group_system",
        "hr.group_hr_manager",
        "hr_expense.group_hr_expense_manager",
        "account.group_account_manager",
        "marketing_section.group_marketing_leadership",
    )
)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install", "marketing_t3")
class TestBudgetLoad(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "marketing_budget"

    def setUp(self):
        super().setUp()
        self.tag = uuid.uuid4().hex[:6]
        self.password = uuid.uuid4().hex
        self.db = os.environ.get("MKT_DB_NAME") or self.env.cr.dbname
        self.conf = os.environ.get("MKT_ODOO_CONF") or odoo.tools.config.rcfile
        self.addCleanup(self._delete_committed_data)
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            admin = make_user(
                env, f"load_{self.tag}_admin", "none", groups=ADMIN_GROUPS
            )
            admin.password = self.password
            self.admin_login = admin.login
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        odoo_bin = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
        command = [sys.executable, str(odoo_bin), "-c", self.conf]
        command += ["--workers=4", "--max-cron-threads=0"]
        command += ["--http-interface=127.0.0.1", f"--http-port={self.port}"]
        command += [f"--gevent-port={_free_port()}", "--log-level=warn"]
        command += ["-d", self.db, f"--db-filter=^{self.db}$"]
        command += ["--limit-time-real=300", "--limit-time-cpu=300"]
        # The server's log goes to a file: a pipe nobody reads would block
        # the workers once full.
        self.log = tempfile.TemporaryFile(mode="w+")
        self.server = subprocess.Popen(  # noqa: S603 - our own odoo-bin
            command,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.addCleanup(self._stop_server)
        self._wait_for_server()

    def _wait_for_server(self, timeout=180):
        deadline = time.monotonic() + timeout
        payload = json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}})
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                self.fail(f"the server stopped: {self._server_log()}")
            try:
                request = urllib.request.Request(
                    f"{self.url}/web/webclient/version_info",
                    data=payload.encode(),
                    headers={"Content-Type": "application/json"},
                )
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(1)
        self.fail("the server did not answer in time")

    def _stop_server(self):
        if self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait(30)
        self.log.close()

    def _server_log(self):
        self.log.seek(0)
        return self.log.read()[-3000:]

    def _delete_committed_data(self):
        """Everything the run made carries the tag in its name or login."""
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            users = env["res.users"].search([("login", "=like", f"load_{self.tag}%")])
            sections = env["marketing.section"].search(
                [("name", "=like", f"Load {self.tag}%")]
            )
            employees = env["hr.employee"].search([("user_id", "in", users.ids)])
            sheets = env["hr.expense.sheet"].search(
                [("employee_id", "in", employees.ids)]
            )
            expenses = env["hr.expense"].search([("employee_id", "in", employees.ids)])
            moves = sheets.account_move_ids
            posted = moves.filtered(lambda m: m.state == "posted")
            posted.line_ids.remove_move_reconcile()
            posted.button_draft()
            moves.with_context(force_delete=True).unlink()
            sheets.write({"approval_state": False})
            sheets.unlink()
            expenses.unlink()
            budgets = env["marketing.budget"].search(
                [("section_id", "in", sections.ids)]
            )
            env["marketing.review"].search(
                [("res_model", "=", "marketing.budget"), ("res_id", "in", budgets.ids)]
            ).unlink()
            budgets.write({"state": "draft"})
            budgets.line_ids.unlink()
            budgets.unlink()
            employees.unlink()
            env["product.product"].search(
                [("name", "=like", f"Load dinner {self.tag}%")]
            ).unlink()
            sections.group_ids.unlink()
            sections.unlink()
            partners = users.partner_id
            users.unlink()
            partners.unlink()
            cr.commit()

    def test_twenty_users_at_once_never_overspend(self):
        command = [sys.executable, str(SCRIPT), "--url", self.url, "--db", self.db]
        command += ["--login", self.admin_login, "--password", self.password]
        command += ["--users", str(USERS), "--covered", str(COVERED)]
        command += ["--rounds", "1", "--deadline", "300", "--timeout", "120"]
        command += ["--tag", self.tag, "--json"]
        run = subprocess.run(  # noqa: S603 - our own script
            command, capture_output=True, text=True, timeout=900, check=False
        )
        print(run.stdout)  # noqa: T201 - the script's report
        self.assertEqual(
            run.returncode, 0, run.stdout + run.stderr + self._server_log()
        )
        summary = json.loads(run.stdout.strip().splitlines()[-1])
        self.assertEqual(summary["overspend"], 0)
        self.assertTrue(summary["consistent"])
        phases = {phase["phase"]: phase for phase in summary["phases"]}
        self.assertEqual(
            {key: phases["submit"][key] for key in ("attempted", "passed", "refused")},
            {"attempted": USERS, "passed": COVERED, "refused": USERS - COVERED},
        )
        self.assertEqual(phases["submit"]["errors"], 0)
        for name in ("approve", "post"):
            self.assertEqual(phases[name]["attempted"], COVERED)
            self.assertEqual(phases[name]["passed"], COVERED, phases[name])
