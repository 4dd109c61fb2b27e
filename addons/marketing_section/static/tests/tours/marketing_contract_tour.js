import { registry } from "@web/core/registry";

// Contract review (合同评审) in the web client, one tour per user (issue 5).
// The records are prepared by tests/test_ui_contract.py: a complete quotation
// of "Contract Salesperson" for "Tour Bridge Builder" in a section that asks
// for contract review. The business assistant sends it to review, customer
// service approves the technical review, the section chief (head of the
// market department) the commercial review, the salesperson confirms.

const quotationIsOpen = () => [
    {
        content: "The quotation of Tour Bridge Builder is open",
        trigger: ".o_form_view .o_field_widget[name=order_line] .o_data_row:contains(Tour C35 concrete)",
    },
];

const openContractReviewPage = () => [
    {
        content: "Open the Contract Review page",
        trigger: ".o_notebook .nav-link:contains(Contract Review)",
        run: "click",
    },
];

const approveThroughDialog = (comment) => [
    {
        content: "Approve the contract",
        trigger: ".o_form_statusbar button[name=action_review_approve]",
        run: "click",
    },
    {
        content: "The decision dialog is open",
        trigger: ".modal .modal-title:contains(Review Decision)",
    },
    {
        content: "Approve is chosen",
        trigger: ".modal .o_field_widget[name=decision] input[data-value=approve]:checked",
    },
    {
        content: "Comment the decision",
        trigger: ".modal .o_field_widget[name=comment] textarea",
        run: `edit ${comment}`,
    },
    {
        content: "Confirm the decision",
        trigger: ".modal-footer button[name=action_confirm]",
        run: "click",
    },
    {
        content: "The dialog is closed",
        trigger: "body:not(:has(.modal))",
    },
    {
        content: "Nothing waits for my decision any more",
        trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_review_approve]))",
    },
];

// (1) The business assistant sends the quotation to contract review.
registry.category("web_tour.tours").add("marketing_contract_request_tour", {
    steps: () => [
        ...quotationIsOpen(),
        {
            content: "Send the quotation to contract review",
            trigger: ".o_form_statusbar button[name=action_contract_review]",
            run: "click",
        },
        {
            content: "The request is sent: I may withdraw it",
            trigger: ".o_form_statusbar button[name=action_review_withdraw]",
        },
        {
            content: "It is no longer to be sent",
            trigger: ".o_form_statusbar:not(:has(button[name=action_contract_review]))",
        },
        ...openContractReviewPage(),
        {
            content: "The quotation is in contract review",
            trigger: ".o_field_widget[name=contract_review_state]:contains(In Contract Review)",
        },
        {
            content: "The commercial review waits",
            trigger: ".o_field_widget[name=review_ids] .o_data_row:contains(Commercial review):contains(To Review)",
        },
        {
            content: "The technical review waits",
            trigger: ".o_field_widget[name=review_ids] .o_data_row:contains(Technical review):contains(To Review)",
        },
    ],
});

// (2) Customer service approves the technical review.
registry.category("web_tour.tours").add("marketing_contract_technical_tour", {
    steps: () => [
        ...quotationIsOpen(),
        ...approveThroughDialog("Mix design and pumping feasible"),
        ...openContractReviewPage(),
        {
            content: "The technical review is approved",
            trigger: ".o_field_widget[name=review_ids] .o_data_row:contains(Technical review):contains(Approved)",
        },
        {
            content: "The contract still waits for the commercial review",
            trigger: ".o_field_widget[name=contract_review_state]:contains(In Contract Review)",
        },
    ],
});

// (3) The market department (the section chief) approves the commercial review.
registry.category("web_tour.tours").add("marketing_contract_commercial_tour", {
    steps: () => [
        ...quotationIsOpen(),
        ...approveThroughDialog("Prices and payment terms agreed"),
        ...openContractReviewPage(),
        {
            content: "The contract is approved",
            trigger: ".o_field_widget[name=contract_review_state]:contains(Contract Approved)",
        },
        {
            content: "Customer service signed the technical part",
            trigger: ".o_field_widget[name=technical_signed_by_id]:contains(Contract Service)",
        },
        {
            content: "The market department signed the commercial part",
            trigger: ".o_field_widget[name=commercial_signed_by_id]:contains(Contract Chief)",
        },
    ],
});

// (4) The salesperson confirms the order.
registry.category("web_tour.tours").add("marketing_contract_confirm_tour", {
    steps: () => [
        ...quotationIsOpen(),
        {
            content: "Confirm the order",
            trigger: ".o_form_statusbar button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The quotation is a sales order",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Sales Order)",
        },
        {
            content: "The contract copy is posted in the chatter",
            trigger: ".o-mail-Message-body:contains(the contract copy is attached)",
        },
    ],
});
