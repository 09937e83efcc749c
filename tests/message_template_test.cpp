// The message templates' parser (src/ops/message_template.hpp): pieces, slots and wordings, as
// the compiler makes them; a template it must refuse stops the compilation (compile_fail/).
#include "ops/message_template.hpp"

#include <gtest/gtest.h>

namespace sqp::internal::message {
namespace {

constexpr std::array kSlots = {SlotName{"date"}, SlotName{"plural", 2}, SlotName{"window"}};

TEST(MessageTemplate, LiteralPiecesAndSlotsInOrder) {
  constexpr Template t = Parse("accident on {date} inside {window}: noted", kSlots);
  ASSERT_EQ(t.size, 3);
  EXPECT_EQ(t.pieces[0].literal, "accident on ");
  EXPECT_EQ(t.pieces[0].slot, 0);
  EXPECT_EQ(t.pieces[1].literal, " inside ");
  EXPECT_EQ(t.pieces[1].slot, 2);
  EXPECT_EQ(t.pieces[2].literal, ": noted");
  EXPECT_EQ(t.pieces[2].slot, kNoSlot);
}

TEST(MessageTemplate, TemplateEndingInASlotHasNoEmptyLastPiece) {
  constexpr Template t = Parse("{date}{window}", kSlots);
  ASSERT_EQ(t.size, 2);
  EXPECT_EQ(t.pieces[0].literal, "");
  EXPECT_EQ(t.pieces[1].literal, "");
  EXPECT_EQ(t.pieces[1].slot, 2);
}

TEST(MessageTemplate, SelectorKeepsItsWordingsAndTheirSpaces) {
  constexpr Template t = Parse("{plural|at most |at least }and number{plural||s}", kSlots);
  ASSERT_EQ(t.size, 2);
  EXPECT_EQ(t.pieces[0].slot, 1);
  EXPECT_EQ(t.pieces[0].wordings[0], "at most ");
  EXPECT_EQ(t.pieces[0].wordings[1], "at least ");
  EXPECT_EQ(t.pieces[1].literal, "and number");
  EXPECT_EQ(t.pieces[1].wordings[0], "");
  EXPECT_EQ(t.pieces[1].wordings[1], "s");
}

TEST(MessageTemplate, ChineseTextIsLiteral) {
  constexpr Template t = Parse("考察期 {window} 内无", kSlots);
  ASSERT_EQ(t.size, 2);
  EXPECT_EQ(t.pieces[0].literal, "考察期 ");
  EXPECT_EQ(t.pieces[1].literal, " 内无");
}

}  // namespace
}  // namespace sqp::internal::message
