// Message templates: a message's wording as data ("{severity} accident on {date} ..."), parsed
// into pieces by the compiler, so writing a message is copying its literal pieces and writing its
// slots, with nothing parsed or looked up at run time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace sqp::internal::message {

// A slot a template may name, and how many wordings it selects among (0: it writes a value).
struct SlotName {
  std::string_view name;
  std::uint8_t wordings = 0;
};

inline constexpr std::uint8_t kNoSlot = 0xFF;
inline constexpr size_t kMaxWordings = 2;
inline constexpr size_t kMaxPieces = 8;

// Literal text, then a slot (kNoSlot for the last piece when the template ends in text).
struct Piece {
  std::string_view literal;
  std::uint8_t slot = kNoSlot;
  std::array<std::string_view, kMaxWordings> wordings{};  // {slot|first|second}
};

struct Template {
  std::array<Piece, kMaxPieces> pieces{};
  std::uint8_t size = 0;

  std::span<const Piece> Pieces() const { return {pieces.data(), size}; }
};

namespace detail {
// Not constexpr: reached while parsing, it stops the compilation there, naming the fault.
inline void TemplateFault_UnknownSlot() {}
inline void TemplateFault_WrongNumberOfWordings() {}
inline void TemplateFault_UnclosedSlot() {}
inline void TemplateFault_TooManyPieces() {}
inline void TemplateFault_NeedsJsonEscaping() {}  // '"', '\' or a control character
inline void TemplateFault_StrayBrace() {}

// Every template is written straight into a JSON string: its own text must need no escaping.
consteval void CheckLiteral(std::string_view s) {
  for (const char c : s) {
    if (c == '"' || c == '\\' || (static_cast<unsigned char>(c) < 0x20)) {
      TemplateFault_NeedsJsonEscaping();
    }
    if (c == '}' || c == '|') TemplateFault_StrayBrace();
  }
}
}  // namespace detail

// The pieces of `text`, whose slots are named in `slots` (a slot's number is its index there).
template <size_t kSlots>
consteval Template Parse(std::string_view text, const std::array<SlotName, kSlots>& slots) {
  Template t;
  size_t at = 0;
  while (true) {
    if (t.size == kMaxPieces) detail::TemplateFault_TooManyPieces();
    Piece& piece = t.pieces[t.size++];
    const size_t open = text.find('{', at);
    piece.literal = text.substr(at, open == std::string_view::npos ? std::string_view::npos
                                                                   : open - at);
    detail::CheckLiteral(piece.literal);
    if (open == std::string_view::npos) return t;
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) detail::TemplateFault_UnclosedSlot();
    std::string_view inside = text.substr(open + 1, close - open - 1);
    const size_t bar = inside.find('|');
    const std::string_view name = inside.substr(0, bar);
    size_t wordings = 0;
    while (bar != std::string_view::npos && !inside.empty()) {
      inside = inside.substr(inside.find('|') + 1);
      const size_t next = inside.find('|');
      if (wordings == kMaxWordings) detail::TemplateFault_WrongNumberOfWordings();
      piece.wordings[wordings] = inside.substr(0, next);
      detail::CheckLiteral(piece.wordings[wordings]);
      ++wordings;
      if (next == std::string_view::npos) break;
    }
    bool found = false;
    for (size_t s = 0; s < kSlots; ++s) {
      if (slots[s].name != name) continue;
      if (slots[s].wordings != wordings) detail::TemplateFault_WrongNumberOfWordings();
      piece.slot = static_cast<std::uint8_t>(s);
      found = true;
    }
    if (!found) detail::TemplateFault_UnknownSlot();
    at = close + 1;
    if (at == text.size()) return t;
  }
}

}  // namespace sqp::internal::message
