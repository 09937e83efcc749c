// The `certificate` operation's typed evaluation and the texts derived from it, shared by its JSON
// answer (certificate_op.cpp) and its renderings (certificate_render.cpp): both lay out the same
// values through the same functions, so a rendering can never say other than the answer does.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sqp/certificate.hpp"
#include "sqp/date.hpp"
#include "sqp/rulebook.hpp"

namespace sqp::internal {

// An sqp.certificate/1 document decoded and evaluated (certificate_op.cpp's Compute).
struct CertificateEvaluation {
  std::optional<std::string> certificate_no;  // as the document gives it, unescaped
  Date certified_on;
  Date as_of;
  CertificateResult result;
};

// A message in both languages: the answer's "message" / "message_zh".
struct CertificateMessage {
  std::string en;
  std::string zh;
};

// The article of a revocation's ground (REVOKE.TRIGGERS): "14(12)3(2)".
std::string_view RevocationArticle(RevocationTrigger trigger);

// The messages of the answer, each stating the facts that decided (defined in
// certificate_op.cpp). The revocation's needs r.revocation.
CertificateMessage CertificateStatusMessage(const CertificateResult& r, Date as_of);
CertificateMessage CertificateRevocationMessage(const CertificateResult& r, Date as_of);
CertificateMessage CertificateSupervisionMessage(const SupervisionResult& s,
                                                 const CertificateResult& r, Date as_of);
CertificateMessage CertificateReapplicationMessage(const ReapplicationResult& a,
                                                   const CertificateResult& r,
                                                   const CertificateRules& rules);

}  // namespace sqp::internal
