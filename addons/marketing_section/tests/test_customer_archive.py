# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import MarketingSectionCase


@tagged("post_install", "-at_install")
class TestCustomerArchive(MarketingSectionCase):
    """ORG-5: customer archive, confidentiality, recorded deletion."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Wuhan Road & Bridge Co.",
                "is_company": True,
                "email": "buy@road.cn",
                "phone": "+86 27 1234 5678",
                "street": "1 Jiefang Ave",
                "marketing_grade": "a",
                "credit_rating": "aa",
                "business_license_no": "91420100MA4K0001X1",
                "business_license_expiry": today + timedelta(days=400),
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Manager Liu",
                "parent_id": cls.customer.id,
                "mobile": "13900000000",
            }
        )
        cls.customer.marketing_key_contact_ids = cls.contact

    def test_marketing_roles_read_the_archive_others_do_not(self):
        for role in ("staff", "service", "finance", "chief"):
            with self.subTest(role=role):
                customer = self.customer.with_user(self.users[role])
                self.assertEqual(customer.business_license_no, "91420100MA4K0001X1")
                self.assertEqual(customer.marketing_grade, "a")
        outsider = self.customer.with_user(self.users["outsider"])
        self.assertEqual(
            outsider.name, self.customer.name, "the partner itself stays readable"
        )
        for field in (
            "business_license_no",
            "credit_rating",
            "marketing_grade",
            "credit_limit",
        ):
            with self.subTest(field=field), self.assertRaises(AccessError):
                outsider.read([field])

    def test_licence_state_is_computed_and_searchable(self):
        today = fields.Date.today()
        Partner = self.env["res.partner"]
        expired = Partner.create(
            {"name": "Old", "business_license_expiry": today - timedelta(days=1)}
        )
        expiring = Partner.create(
            {"name": "Soon", "business_license_expiry": today + timedelta(days=5)}
        )
        missing = Partner.create({"name": "None"})
        self.assertEqual(expired.business_license_state, "expired")
        self.assertEqual(expiring.business_license_state, "expiring")
        self.assertEqual(missing.business_license_state, "missing")
        self.assertEqual(self.customer.business_license_state, "valid")
        ids = (expired | expiring | missing | self.customer).ids
        self.assertEqual(
            Partner.search(
                [("id", "in", ids), ("business_license_state", "=", "expiring")]
            ),
            expiring,
        )
        self.assertEqual(
            Partner.search(
                [
                    ("id", "in", ids),
                    ("business_license_state", "in", ("expired", "missing")),
                ]
            ),
            expired | missing,
        )
        self.assertEqual(
            Partner.search(
                [("id", "in", ids), ("business_license_state", "!=", "valid")]
            ),
            expired | expiring | missing,
        )

    def test_key_contacts_must_belong_to_the_customer(self):
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        with self.assertRaises(ValidationError):
            self.customer.marketing_key_contact_ids = [(4, stranger.id)]
        self.assertEqual(self.customer.marketing_key_contact_ids, self.contact)

    def test_approved_erasure_anonymises_customer_and_contacts(self):
        request = (
            self.env["marketing.erasure.request"]
            .with_user(self.users["staff"])
            .create({"partner_id": self.customer.id, "reason": "Customer letter"})
        )
        self.assertEqual(request.partner_label, "Wuhan Road & Bridge Co.")
        request.action_submit()
        self.assertEqual(self.customer.email, "buy@road.cn", "not before approval")
        request.with_user(self.users["chief"])._review_decide(True)
        self.assertEqual(
            self.customer.email, "buy@road.cn", "leadership still to approve"
        )
        request.with_user(self.users["leadership"])._review_decide(True)
        self.assertEqual(request.state, "approved")
        self.assertTrue(request.anonymized_on)
        self.assertFalse(request.partner_label)
        for partner in (self.customer, self.contact):
            with self.subTest(partner=partner.id):
                self.assertNotIn("Wuhan", partner.name)
                self.assertNotIn("Liu", partner.name)
                self.assertFalse(partner.email)
                self.assertFalse(partner.phone)
                self.assertFalse(partner.mobile)
                self.assertFalse(partner.street)
        self.assertFalse(self.customer.business_license_no)
        self.assertFalse(self.customer.marketing_key_contact_ids)
        self.assertFalse(self.contact.active)

    def test_staff_cannot_anonymise_without_approval(self):
        request = (
            self.env["marketing.erasure.request"]
            .with_user(self.users["staff"])
            .create({"partner_id": self.customer.id, "reason": "Customer letter"})
        )
        with self.assertRaises(AccessError):
            request.write({"state": "approved"})
        with self.assertRaises(AccessError):
            request.write({"anonymized_on": fields.Datetime.now()})
        self.assertEqual(self.customer.email, "buy@road.cn")

    def test_staff_see_only_their_own_deletion_requests(self):
        Request = self.env["marketing.erasure.request"]
        mine = Request.with_user(self.users["staff"]).create(
            {"partner_id": self.customer.id, "reason": "a"}
        )
        theirs = Request.with_user(self.users["staff2"]).create(
            {"partner_id": self.customer.id, "reason": "b"}
        )
        both = (mine | theirs).ids
        self.assertEqual(
            Request.with_user(self.users["staff"]).search([("id", "in", both)]), mine
        )
        self.assertEqual(
            Request.with_user(self.users["leader"]).search([("id", "in", both)]), mine
        )
        self.assertEqual(
            Request.with_user(self.users["chief"]).search([("id", "in", both)]),
            mine | theirs,
        )
        with self.assertRaises(AccessError):
            Request.with_user(self.users["finance"]).search([("id", "in", both)])
