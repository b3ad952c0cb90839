@surface:token @needs:ob-dcr @needs:mtls
Feature: The scope an Open Banking DCR client is granted
  A client registered through Open Banking DCR names its API scopes in the registration (or, in
  CDR, takes its software statement's). Seed 004's token call then asks "accounts openid": openid
  asks for OpenID Connect and is granted with the registered scope, and a CDR client may always
  have the cdr:registration scope its software statement grants, for its registration management
  token.

  @rule:WSO2-TOK-01 @profile:uk
  Scenario: The seed's "accounts openid" is granted to a client that registered "accounts"
    Given tpp1 has registered the client "app"
    When the client "app" requests a management token with scope "accounts openid"
    Then the granted scope is "accounts openid"

  # CDS DCR API: the management token needs cdr:registration (DCR-MGT-03), which the software
  # statement grants, whatever API scopes the client registered.
  @rule:TOK-22 @profile:cdr
  Scenario: CDR: a client that registered only an API scope is granted cdr:registration
    When tpp1 registers the client "app" with the request claims:
      | claim | value                      |
      | scope | "bank:accounts.basic:read" |
    Then the response status is 201
    When the client "app" requests a management token with scope "cdr:registration"
    Then the granted scope is "cdr:registration"

  # RFC 6749 §3.3: the software statement grants more API scopes than the client registered; only
  # cdr:registration comes from it, the rest are the registration's.
  @rule:TOK-08 @profile:cdr
  Scenario: CDR: an API scope of the software statement the client did not register is not granted
    When tpp1 registers the client "app" with the request claims:
      | claim | value                      |
      | scope | "bank:accounts.basic:read" |
    Then the response status is 201
    When the client "app" requests a management token with scope "bank:accounts.basic:read bank:transactions:read"
    Then the scope is refused with invalid_scope or narrowed to "bank:accounts.basic:read"
