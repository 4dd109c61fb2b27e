# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import MarketingSectionCase

ACTIVITY_TYPE = "marketing_section.mail_activity_type_marketing_service_request"


@tagged("post_install", "-at_install")
class TestServiceRequest(MarketingSectionCase):
    """SRV-6: salesperson → market department → customer service decides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Jiangxia Bridge Co.", "is_company": True}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other Builder", "is_company": True}
        )
        cls.Request = cls.env["marketing.service.request"]
        cls.activity_type = cls.env.ref(ACTIVITY_TYPE)

    def _end_request(self):
        """Commit-time work of an RPC call: tracking values are written then."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def _new(self, **vals):
        values = {
            "request_type": "presales",
            "partner_id": self.customer.id,
            "description": "C50 mix design talk on site",
        }
        values.update(vals)
        return self.Request.with_user(self.users["staff"]).create(values)

    def _as(self, request, role):
        return request.with_user(self.users[role])

    def _activity_users(self, request):
        activities = request.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )
        return activities.user_id

    def _forwarded(self):
        request = self._new()
        request.action_submit()
        assistant = self._as(request, "assistant")
        assistant.service_group_id = self.service_group
        assistant.action_forward()
        return request

    # ------------------------------------------------------------------
    # Happy paths
    # ------------------------------------------------------------------
    def test_request_goes_from_salesperson_to_customer_service_and_is_done(self):
        staff = self.users["staff"]
        with Form(self.Request.with_user(staff)) as form:
            form.request_type = "engineering"
            form.partner_id = self.customer
            form.description = "Supervise pumping of the pier columns"
        request = form.record
        self._end_request()
        self.assertTrue(request.name.startswith("FW/"))
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.user_id, staff)
        self.assertEqual(request.section_id, self.section)

        request.action_submit()
        self._end_request()
        self.assertEqual(request.state, "submitted")
        self.assertEqual(
            self._activity_users(request),
            self.users["assistant"],
            "the market department (business assistant) is asked to forward",
        )

        with Form(self._as(request, "assistant")) as form:
            form.service_group_id = self.service_group
            form.service_user_id = self.users["service"]
        self._as(request, "assistant").action_forward()
        self._end_request()
        self.assertEqual(request.state, "forwarded")
        self.assertEqual(request.forwarded_by_id, self.users["assistant"])
        self.assertTrue(request.date_forwarded)
        self.assertEqual(self._activity_users(request), self.users["service"])

        service = self._as(request, "service")
        with Form(service) as form:
            form.feasibility_note = "Feasible: technician on site on Monday."
        service.action_accept()
        self._end_request()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.decided_by_id, self.users["service"])
        self.assertTrue(request.date_decided)
        self.assertEqual(self._activity_users(request), staff, "requester informed")

        with Form(service) as form:
            form.result = "Pumping supervised, no blockage."
        service.action_done()
        self._end_request()
        self.assertEqual(request.state, "done")
        self.assertTrue(request.date_done)
        self.assertFalse(self._activity_users(request), "activities cleared")

        states = request.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(len(states), 4, "every transition is in the chatter")
        self.assertEqual(
            set(states.mapped("mail_message_id.author_id")),
            {
                staff.partner_id,
                self.users["assistant"].partner_id,
                self.users["service"].partner_id,
            },
        )

    def test_customer_service_declines_with_a_reason(self):
        request = self._forwarded()
        service = self._as(request, "service")
        with self.assertRaisesRollback(UserError, "reason why it is not feasible"):
            service.action_decline()
        self.assertEqual(request.state, "forwarded")
        service.feasibility_note = "We do not produce pervious concrete."
        service.action_decline()
        self.assertEqual(request.state, "declined")
        self.assertEqual(self._activity_users(request), self.users["staff"])
        with self.assertRaisesRollback(UserError, "only possible from"):
            service.action_done()
        self.assertEqual(request.state, "declined")

    def test_requester_cancels_before_forwarding(self):
        draft = self._new()
        draft.action_cancel()
        self.assertEqual(draft.state, "cancel")
        submitted = self._new()
        submitted.action_submit()
        submitted.action_cancel()
        self.assertEqual(submitted.state, "cancel")
        self.assertFalse(self._activity_users(submitted))
        forwarded = self._forwarded()
        with self.assertRaisesRollback(UserError, "only possible from"):
            forwarded.action_cancel()
        self.assertEqual(forwarded.state, "forwarded")

    def test_the_chief_forwards_when_there_is_no_assistant(self):
        self.sales_group.member_ids = [(3, self.users["assistant"].id)]
        request = self._new()
        request.action_submit()
        self.assertEqual(self._activity_users(request), self.users["chief"])
        chief = self._as(request, "chief")
        chief.service_group_id = self.service_group
        chief.action_forward()
        self.assertEqual(request.forwarded_by_id, self.users["chief"])

    # ------------------------------------------------------------------
    # Refused transitions and missing data
    # ------------------------------------------------------------------
    def test_steps_cannot_be_skipped(self):
        request = self._new()
        request.sudo().service_group_id = self.service_group
        request.sudo().feasibility_note = "note"
        # The chief sees every request of the section at every state.
        chief = self._as(request, "chief")
        for method in (
            "action_forward",
            "action_accept",
            "action_decline",
            "action_done",
        ):
            with self.subTest(method=method):
                with self.assertRaisesRollback(UserError, "only possible from"):
                    getattr(chief, method)()
        self.assertEqual(request.state, "draft")
        request.action_submit()
        with self.assertRaisesRollback(UserError, "only possible from"):
            request.action_submit()
        for method in ("action_accept", "action_done"):
            with self.assertRaisesRollback(UserError, "only possible from"):
                getattr(chief, method)()
        self.assertEqual(request.state, "submitted")
        self.assertFalse(request.decided_by_id)

    def test_forwarding_needs_a_customer_service_group(self):
        request = self._new()
        request.action_submit()
        with self.assertRaisesRollback(UserError, "choose the customer-service group"):
            self._as(request, "assistant").action_forward()
        self.assertEqual(request.state, "submitted")
        self.assertFalse(request.forwarded_by_id)
        with self.assertRaisesRollback(ValidationError, "not a customer-service group"):
            self._as(request, "assistant").service_group_id = self.sales_group
        with self.assertRaisesRollback(ValidationError, "not a member"):
            self._as(request, "assistant").write(
                {
                    "service_group_id": self.service_group.id,
                    "service_user_id": self.users["leader"].id,
                }
            )

    def test_done_needs_the_result(self):
        request = self._forwarded()
        service = self._as(request, "service")
        service.action_accept()
        with self.assertRaisesRollback(UserError, "describe the result"):
            service.action_done()
        self.assertEqual(request.state, "accepted")
        self.assertFalse(request.date_done)

    def test_submitted_request_is_frozen(self):
        request = self._new()
        request.action_submit()
        with self.assertRaisesRollback(UserError, "can no longer be changed"):
            request.description = "Something else"
        with self.assertRaisesRollback(UserError, "can no longer be changed"):
            self._as(request, "assistant").result = "Done already"
        self.assertEqual(request.description, "C50 mix design talk on site")

    def test_state_and_deciders_cannot_be_written_directly(self):
        request = self._new()
        for vals in (
            {"state": "done"},
            {"decided_by_id": self.users["service"].id},
            {"forwarded_by_id": self.users["assistant"].id},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRollback(AccessError, "buttons"):
                    request.write(vals)
                with self.assertRaisesRollback(AccessError, "buttons"):
                    self._new(**vals)
        with self.assertRaisesRollback(AccessError, "buttons"):
            request.with_user(self.users["leadership"]).write({"state": "accepted"})
        self.assertEqual(request.state, "draft")

    def test_order_must_be_of_the_customer(self):
        staff = self.users["staff"]
        order = self.env["sale.order"].create(
            {"partner_id": self.other_customer.id, "user_id": staff.id}
        )
        with self.assertRaisesRollback(ValidationError, "is not an order of"):
            self._new(sale_order_id=order.id)
        own_order = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "user_id": staff.id}
        )
        request = self.Request.with_user(staff).create(
            {
                "partner_id": self.customer.id,
                "description": "x",
                "sale_order_id": own_order.id,
            }
        )
        self.assertEqual(request.sale_order_id, own_order)

    def test_errors_are_translated_to_chinese(self):
        env = self.activate_chinese()
        request = self._new()
        in_chinese = request.with_env(env(user=self.users["staff"]))
        with self.assertRaisesRollback(UserError, "申请人"):
            in_chinese.with_user(self.users["chief"]).action_submit()
        in_chinese.action_submit()
        with self.assertRaisesRollback(UserError, "客户服务组"):
            in_chinese.with_user(self.users["assistant"]).action_forward()
        with self.assertRaisesRollback(AccessError, "按钮"):
            in_chinese.write({"state": "done"})
        self.assertEqual(request.state, "submitted")

    # ------------------------------------------------------------------
    # Role matrix (ORG-3, X-5)
    # ------------------------------------------------------------------
    def test_who_may_act(self):
        request = self._new()
        # Only the requester submits.
        for role in ("staff2", "leader", "chief"):
            with self.subTest(role=role):
                with self.assertRaises(UserError):
                    with self.env.cr.savepoint():
                        self._as(request, role).action_submit()
        request.action_submit()
        request.sudo().service_group_id = self.service_group
        # Only the market department (assistant, chief) forwards.
        for role in ("staff", "leader", "service"):
            with self.subTest(role=role):
                with self.assertRaises(UserError):
                    with self.env.cr.savepoint():
                        self._as(request, role).action_forward()
        self.assertEqual(request.state, "submitted")
        self._as(request, "assistant").action_forward()
        # Only customer service of the chosen group decides: not the
        # requester, the assistant, a service-group member without the role.
        request.sudo().feasibility_note = "ok"
        for role in ("staff", "assistant", "staff2", "leader"):
            for method in ("action_accept", "action_decline"):
                with self.subTest(role=role, method=method):
                    with self.assertRaises(UserError):
                        with self.env.cr.savepoint():
                            getattr(self._as(request, role), method)()
        self.assertEqual(request.state, "forwarded")
        # A customer-service person of another group cannot decide either.
        other_group = self.env["marketing.section.group"].create(
            {
                "name": "Other Service",
                "section_id": self.section.id,
                "group_type": "service",
            }
        )
        outsider_service = new_test_user(
            self.env,
            login="mkt_service_other",
            groups="base.group_user,marketing_section.group_marketing_service",
        )
        other_group.member_ids = outsider_service
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                request.with_user(outsider_service).action_accept()
        self._as(request, "service").action_accept()
        request.sudo().result = "done"
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                self._as(request, "staff").action_done()
        self._as(request, "service").action_done()
        self.assertEqual(request.state, "done")
        # Only the requester cancels.
        other = self._new()
        with self.assertRaisesRollback(UserError, "only its requester"):
            self._as(other, "chief").action_cancel()
        self.assertEqual(other.state, "draft")

    def test_visibility_follows_the_hierarchy(self):
        draft = self._new()
        visible = {
            "staff": True,
            "leader": True,
            "chief": True,
            "leadership": True,
            "assistant": False,
            "service": False,
            "staff2": False,
            "finance": False,
            "outsider": False,
        }
        self._check_visibility(draft, visible)
        draft.action_submit()
        # The market department sees the submitted request.
        self._check_visibility(draft, dict(visible, assistant=True))
        self._as(draft, "assistant").service_group_id = self.service_group
        self._as(draft, "assistant").action_forward()
        # Customer service of the group sees it once forwarded.
        self._check_visibility(draft, dict(visible, assistant=True, service=True))
        # The customer-service person chosen sees it even without the role.
        draft.sudo().service_user_id = self.users["staff2"]
        self._check_visibility(
            draft, dict(visible, assistant=True, service=True, staff2=True)
        )

    def _check_visibility(self, request, visible):
        for role, sees in visible.items():
            with self.subTest(role=role, state=request.state):
                as_role = request.with_user(self.users[role])
                if role in ("finance", "outsider"):
                    # No access right on the model at all.
                    with self.assertRaises(AccessError):
                        as_role.read(["name"])
                    continue
                found = as_role.search([("id", "=", request.id)])
                self.assertEqual(bool(found), sees)

    def test_users_without_a_marketing_role_cannot_create(self):
        with self.assertRaises(AccessError):
            self.Request.with_user(self.users["outsider"]).create(
                {"partner_id": self.customer.id, "description": "x"}
            )

    def test_other_company_requests_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other Plant"})
        hidden = self.Request.create(
            {"partner_id": self.customer.id, "description": "x", "company_id": other.id}
        )
        self.assertFalse(
            self.Request.with_user(self.users["leadership"]).search(
                [("id", "=", hidden.id)]
            )
        )
