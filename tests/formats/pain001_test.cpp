#include "formats/pain001.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <functional>
#include <pugixml.hpp>

#include "support/payout_fixtures.hpp"

namespace mf::formats {
namespace {

using test::day;

Money eur(int64_t cents) {
    return Money{cents, Currency::from_code("EUR").value()};
}

Originator factor() {
    return test::sample_originator();
}

PayoutOrder payout(std::string id, int64_t cents, Date execution_date = day(2026, 11, 24)) {
    return PayoutOrder{.id = std::move(id),
                       .payee_name = "Acme Widgets BV",
                       .iban = "NL91ABNA0417164300",
                       .bic = "ABNANL2A",
                       .amount = eur(cents),
                       .execution_date = execution_date,
                       .remittance = "advance schedule sch_4"};
}

Pain001Options options() {
    return Pain001Options{.message_id = "MF-20261122-1",
                          .creation_date = day(2026, 11, 22),
                          .creation_second_of_day = 14 * 3600 + 5 * 60 + 9};
}

pugi::xml_document parse_ok(const std::vector<PayoutOrder>& payouts,
                            const Originator& originator = factor()) {
    pugi::xml_document document;
    auto xml = write_pain001(originator, payouts, options());
    EXPECT_TRUE(xml) << (xml ? "" : xml.error().message);
    if (xml) {
        const auto parsed = document.load_string(xml.value().c_str());
        EXPECT_TRUE(parsed) << parsed.description();
    }
    return document;
}

std::string text(const pugi::xml_node& node, const char* path) {
    return node.first_element_by_path(path).text().get();
}

// Every element in document order as "path=text", the way the schema sequences them.
void collect(const pugi::xml_node& node, const std::string& prefix, std::vector<std::string>& out) {
    for (const pugi::xml_node& child : node.children()) {
        if (child.type() != pugi::node_element)
            continue;
        const std::string path = prefix + "/" + child.name();
        out.push_back(path + "=" + child.text().get());
        collect(child, path, out);
    }
}

TEST(Pain001, ElementsInSchemaOrder) {
    const auto document = parse_ok({payout("pay_12", 125050)});
    const auto root = document.child("Document");
    EXPECT_STREQ(root.attribute("xmlns").value(), "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09");
    std::vector<std::string> elements;
    collect(root.child("CstmrCdtTrfInitn"), "", elements);
    const std::vector<std::string> expected = {
        "/GrpHdr=",
        "/GrpHdr/MsgId=MF-20261122-1",
        "/GrpHdr/CreDtTm=2026-11-22T14:05:09",
        "/GrpHdr/NbOfTxs=1",
        "/GrpHdr/CtrlSum=1250.50",
        "/GrpHdr/InitgPty=",
        "/GrpHdr/InitgPty/Nm=Northwind Factoring LLC",
        "/PmtInf=",
        "/PmtInf/PmtInfId=MF-20261122-1-20261124",
        "/PmtInf/PmtMtd=TRF",
        "/PmtInf/BtchBookg=false",
        "/PmtInf/NbOfTxs=1",
        "/PmtInf/CtrlSum=1250.50",
        "/PmtInf/PmtTpInf=",
        "/PmtInf/PmtTpInf/SvcLvl=",
        "/PmtInf/PmtTpInf/SvcLvl/Cd=SEPA",
        "/PmtInf/ReqdExctnDt=",
        "/PmtInf/ReqdExctnDt/Dt=2026-11-24",
        "/PmtInf/Dbtr=",
        "/PmtInf/Dbtr/Nm=Northwind Factoring LLC",
        "/PmtInf/DbtrAcct=",
        "/PmtInf/DbtrAcct/Id=",
        "/PmtInf/DbtrAcct/Id/IBAN=DE89370400440532013000",
        "/PmtInf/DbtrAgt=",
        "/PmtInf/DbtrAgt/FinInstnId=",
        "/PmtInf/DbtrAgt/FinInstnId/BICFI=COBADEFFXXX",
        "/PmtInf/ChrgBr=SLEV",
        "/PmtInf/CdtTrfTxInf=",
        "/PmtInf/CdtTrfTxInf/PmtId=",
        "/PmtInf/CdtTrfTxInf/PmtId/EndToEndId=pay-12",
        "/PmtInf/CdtTrfTxInf/Amt=",
        "/PmtInf/CdtTrfTxInf/Amt/InstdAmt=1250.50",
        "/PmtInf/CdtTrfTxInf/CdtrAgt=",
        "/PmtInf/CdtTrfTxInf/CdtrAgt/FinInstnId=",
        "/PmtInf/CdtTrfTxInf/CdtrAgt/FinInstnId/BICFI=ABNANL2A",
        "/PmtInf/CdtTrfTxInf/Cdtr=",
        "/PmtInf/CdtTrfTxInf/Cdtr/Nm=Acme Widgets BV",
        "/PmtInf/CdtTrfTxInf/CdtrAcct=",
        "/PmtInf/CdtTrfTxInf/CdtrAcct/Id=",
        "/PmtInf/CdtTrfTxInf/CdtrAcct/Id/IBAN=NL91ABNA0417164300",
        "/PmtInf/CdtTrfTxInf/RmtInf=",
        "/PmtInf/CdtTrfTxInf/RmtInf/Ustrd=advance schedule sch-4",
    };
    EXPECT_EQ(elements, expected);
    EXPECT_STREQ(root.first_element_by_path("CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/Amt/InstdAmt")
                     .attribute("Ccy")
                     .value(),
                 "EUR");
}

TEST(Pain001, WithoutBicsTheDebtorAgentIsNotProvidedAndTheCreditorAgentLeftOut) {
    Originator originator = factor();
    originator.bic.clear();
    PayoutOrder order = payout("pay_1", 100);
    order.bic.clear();
    order.remittance.clear();
    const auto document = parse_ok({order}, originator);
    const auto payment = document.first_element_by_path("Document/CstmrCdtTrfInitn/PmtInf");
    EXPECT_EQ(text(payment, "DbtrAgt/FinInstnId/Othr/Id"), "NOTPROVIDED");
    EXPECT_FALSE(payment.first_element_by_path("CdtTrfTxInf/CdtrAgt"));
    EXPECT_FALSE(payment.first_element_by_path("CdtTrfTxInf/RmtInf"));
}

TEST(Pain001, OnePaymentPerExecutionDateWithMatchingControls) {
    const auto document = parse_ok({payout("pay_3", 300, day(2026, 11, 26)), payout("pay_1", 100),
                                    payout("pay_2", 5, day(2026, 11, 26)), payout("pay_4", 99)});
    const auto initiation = document.first_element_by_path("Document/CstmrCdtTrfInitn");
    EXPECT_EQ(text(initiation, "GrpHdr/NbOfTxs"), "4");
    EXPECT_EQ(text(initiation, "GrpHdr/CtrlSum"), "5.04");
    std::vector<std::string> payments;
    for (const auto& payment : initiation.children("PmtInf")) {
        std::string ids;
        for (const auto& tx : payment.children("CdtTrfTxInf"))
            ids += text(tx, "PmtId/EndToEndId") + " ";
        payments.push_back(text(payment, "ReqdExctnDt/Dt") + " " + text(payment, "NbOfTxs") + " " +
                           text(payment, "CtrlSum") + " " + ids);
    }
    EXPECT_EQ(payments,
              (std::vector<std::string>{"2026-11-24 2 1.99 pay-1 pay-4 ", "2026-11-26 2 3.05 pay-3 pay-2 "}));
}

TEST(Pain001, HostileTextIsCarriedIntoTheSepaSetAndEscaped) {
    PayoutOrder order = payout("pay_1", 100);
    order.payee_name = "<b>Müller & \"Söhne\"</b> Ωmega 株式会社 ]]> &amp;";
    order.remittance = std::string(200, 'x') + "<";
    const std::string long_name(100, 'N');
    Originator originator = factor();
    originator.name = long_name;
    auto xml = write_pain001(originator, {order}, options());
    ASSERT_TRUE(xml);
    // Nothing of the input's markup survives as markup.
    EXPECT_EQ(xml.value().find("<b>"), std::string::npos);
    EXPECT_EQ(xml.value().find("]]>"), std::string::npos);
    pugi::xml_document document;
    ASSERT_TRUE(document.load_string(xml.value().c_str()));
    const auto tx = document.first_element_by_path("Document/CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf");
    EXPECT_EQ(text(tx, "Cdtr/Nm"), "b Muller + 'Sohne' /b Omega zhu shi hui she +amp");
    EXPECT_EQ(text(tx, "RmtInf/Ustrd"), std::string(140, 'x'));
    EXPECT_EQ(text(document.first_element_by_path("Document/CstmrCdtTrfInitn"), "GrpHdr/InitgPty/Nm"),
              std::string(70, 'N'));
}

TEST(Pain001, IbanCheck) {
    for (const char* good :
         {"DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
          "NL91ABNA0417164300", "BE68539007547034", "NO9386011117947"})
        EXPECT_TRUE(is_valid_iban(good)) << good;
    for (const char* bad : {"DE89370400440532013001", "DE8937040044053201300", "DE893704004405320130000",
                            "de89370400440532013000", "XX89370400440532013000", "DE89 3704 0044 0532 0130 00",
                            "GB82WEST1234569876543!", "", "DE"})
        EXPECT_FALSE(is_valid_iban(bad)) << bad;
}

TEST(Pain001, BicPattern) {
    for (const char* good : {"DEUTDEFF", "DEUTDEFF500", "COBADEFFXXX", "ABNANL2A", "1BNKGB22"})
        EXPECT_TRUE(is_valid_bic(good)) << good;
    for (const char* bad : {"DEUTDEF", "DEUTDEFF50", "DEUT1EFF", "deutdeff", "DEUTDEFF 500", ""})
        EXPECT_FALSE(is_valid_bic(bad)) << bad;
}

TEST(Pain001, SpacedIbansAreWrittenInElectronicForm) {
    PayoutOrder order = payout("pay_1", 100);
    order.iban = "NL91 ABNA 0417 1643 00";
    const auto document = parse_ok({order});
    EXPECT_EQ(text(document, "Document/CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/CdtrAcct/Id/IBAN"),
              "NL91ABNA0417164300");
}

struct Rejected {
    const char* name;
    std::function<void(PayoutOrder&)> change;
    const char* code;
    const char* field;
};

TEST(Pain001, RejectsBadPayoutsNamingPayoutAndField) {
    const Rejected cases[] = {
        {"bad iban", [](PayoutOrder& p) { p.iban = "NL91ABNA0417164301"; }, "invalid_iban",
         "payouts[1].iban"},
        {"no iban", [](PayoutOrder& p) { p.iban.clear(); }, "invalid_iban", "payouts[1].iban"},
        {"bad bic", [](PayoutOrder& p) { p.bic = "ABNANL2"; }, "invalid_bic", "payouts[1].bic"},
        {"zero", [](PayoutOrder& p) { p.amount = eur(0); }, "invalid_amount", "payouts[1].amount"},
        {"negative", [](PayoutOrder& p) { p.amount = eur(-1); }, "invalid_amount", "payouts[1].amount"},
        {"too large", [](PayoutOrder& p) { p.amount = eur(100'000'000'000); }, "invalid_amount",
         "payouts[1].amount"},
        {"dollars",
         [](PayoutOrder& p) {
             p.amount = Money{100, Currency::from_code("USD").value()};
         },
         "unsupported_currency", "payouts[1].amount"},
        {"id charset", [](PayoutOrder& p) { p.id = "pay<1>"; }, "invalid_end_to_end_id", "payouts[1].id"},
        {"id slashes", [](PayoutOrder& p) { p.id = "pay//1"; }, "invalid_end_to_end_id", "payouts[1].id"},
        {"id length", [](PayoutOrder& p) { p.id = std::string(36, 'p'); }, "invalid_end_to_end_id",
         "payouts[1].id"},
        {"no name", [](PayoutOrder& p) { p.payee_name = "<>"; }, "missing_field", "payouts[1].payee_name"},
        {"past", [](PayoutOrder& p) { p.execution_date = day(2026, 11, 21); }, "invalid_date",
         "payouts[1].execution_date"},
    };
    for (const Rejected& c : cases) {
        PayoutOrder bad = payout("pay_bad", 100);
        c.change(bad);
        auto xml = write_pain001(factor(), {payout("pay_ok", 100), bad}, options());
        ASSERT_FALSE(xml) << c.name;
        EXPECT_EQ(xml.error().code, c.code) << c.name;
        EXPECT_EQ(xml.error().field, c.field) << c.name;
        EXPECT_TRUE(xml.error().message.starts_with("payout ")) << xml.error().message;
    }
}

TEST(Pain001, RejectsBadOriginatorOptionsAndEmptyLists) {
    EXPECT_EQ(write_pain001(factor(), {}, options()).error().code, "no_payouts");
    const std::vector<PayoutOrder> one{payout("pay_1", 100)};
    Originator originator = factor();
    originator.iban = "DE89370400440532013001";
    EXPECT_EQ(write_pain001(originator, one, options()).error().field, "iban");
    originator = factor();
    originator.bic = "COBADEFFXX";
    EXPECT_EQ(write_pain001(originator, one, options()).error().field, "bic");
    Pain001Options opts = options();
    opts.message_id = "";
    EXPECT_EQ(write_pain001(factor(), one, opts).error().field, "message_id");
    opts = options();
    opts.creation_second_of_day = 86400;
    EXPECT_EQ(write_pain001(factor(), one, opts).error().field, "creation_second_of_day");
}

RC_GTEST_PROP(Pain001Property, ControlSumsAndCountsMatchTheTransactions, ()) {
    const auto count = *rc::gen::inRange(1, 30);
    std::vector<PayoutOrder> payouts;
    for (int i = 0; i < count; ++i) {
        payouts.push_back(payout("pay_" + std::to_string(i), *rc::gen::inRange<int64_t>(1, 99'999'999'999),
                                 day(2026, 11, 22).plus_days(*rc::gen::inRange(0, 4))));
        payouts.back().payee_name = *rc::gen::container<std::string>(rc::gen::inRange<char>(' ', '~'));
        payouts.back().payee_name += "x";
    }
    auto xml = write_pain001(factor(), payouts, options());
    RC_ASSERT(xml.has_value());
    pugi::xml_document document;
    RC_ASSERT(static_cast<bool>(document.load_string(xml.value().c_str())));
    const auto initiation = document.first_element_by_path("Document/CstmrCdtTrfInitn");
    const auto cents = [](std::string amount) {
        std::erase(amount, '.');
        return std::stoll(amount);
    };
    int64_t total = 0, transactions = 0;
    for (const auto& payment : initiation.children("PmtInf")) {
        int64_t sum = 0, n = 0;
        for (const auto& tx : payment.children("CdtTrfTxInf")) {
            sum += cents(text(tx, "Amt/InstdAmt"));
            ++n;
            RC_ASSERT(!text(tx, "Cdtr/Nm").empty());
            RC_ASSERT(text(tx, "Cdtr/Nm").size() <= 70u);
        }
        RC_ASSERT(cents(text(payment, "CtrlSum")) == sum);
        RC_ASSERT(std::stoll(text(payment, "NbOfTxs")) == n);
        total += sum;
        transactions += n;
    }
    RC_ASSERT(transactions == count);
    RC_ASSERT(std::stoll(text(initiation, "GrpHdr/NbOfTxs")) == transactions);
    RC_ASSERT(cents(text(initiation, "GrpHdr/CtrlSum")) == total);
}

}  // namespace
}  // namespace mf::formats
