@surface:authorize @needs:client-registration @needs:psu-login @needs:grant-authorization-code @profile:generic
Feature: The signing algorithm of ID tokens (OIDC Registration §2)
  A client names the alg of its ID tokens with id_token_signed_response_alg; without one it gets
  RS256. The ID token is the token response's of a plain code flow (OIDC Core §3.1.3.3). The
  algorithm must be one the server lists in id_token_signing_alg_values_supported; a case for
  one it does not list does not apply and is skipped. RS256, the default, every OpenID provider
  supports (OIDC Discovery §3). Under the FAPI profiles, where RS256
  is not allowed, the WSO2 scenarios of authorize.feature check the product.

  @rule:AUTHZ-09
  Scenario Outline: A client registered for <alg> ID tokens gets them signed <alg>
    Given the target signs ID tokens with <alg>
    And tpp1 has registered the code flow client "app" with:
      """
      {"id_token_signed_response_alg": "<alg>"}
      """
    And "app" has obtained tokens through a plain authorization code flow
    Then the ID token issued to "app" is signed <alg>

    Examples:
      | alg   |
      | PS256 |
      | ES256 |
      | RS256 |

  @rule:AUTHZ-09
  Scenario: A client that registered no algorithm gets RS256 ID tokens, the default
    Given tpp1 has registered the code flow client "app"
    And "app" has obtained tokens through a plain authorization code flow
    Then the ID token issued to "app" is signed RS256
