@surface:ob-dcr @needs:ob-dcr @needs:mtls
Feature: Open Banking DCR, retrieving a registration
  GET /register/{client_id} with a client_credentials access token of the same client, over mTLS
  with the bound certificate (seed 004 "Retrieve an application", wso2-surface §6.2).

  Background:
    Given tpp1 has registered the client "app"
    And the client "app" has a management token

  @rule:DCR-MGT-05 @rule:DCR-MGT-02
  Scenario: The client retrieves its registration
    When the client "app" retrieves its registration
    Then the response status is 200
    And the response Content-Type is "application/json"
    And the response is the registration of "app"

  @rule:DCR-MGT-02 @profile:uk
  Scenario: UK: a client_credentials token without a scope is enough
    When the client "app" requests a management token without a scope
    Then the response status is 200
    When the client "app" retrieves its registration
    Then the response status is 200

  @rule:DCR-MGT-03 @profile:cdr
  Scenario: CDR: a token without cdr:registration is refused with 403
    When the client "app" requests a management token with scope "bank:accounts.basic:read"
    Then the response status is 200
    When the client "app" retrieves its registration
    Then the response status is 403
    And the response header "WWW-Authenticate" starts with "Bearer error=\"insufficient_scope\""

  @rule:DCR-MGT-04 @rule:WSO2-OBDCR-06
  Scenario: Without a token the gateway answers 401 Missing Credentials
    When the client "app" retrieves its registration without a token
    Then the response status is 401
    And the response is the gateway error "900902" "Missing Credentials"

  @rule:DCR-MGT-04 @rule:WSO2-OBDCR-06
  Scenario Outline: With <case> the gateway answers 401 Invalid Credentials
    When the client "app" retrieves its registration with the Authorization header "<header>"
    Then the response status is 401
    And the response is the gateway error "900901" "Invalid Credentials"
    And the Bearer challenge has the error "invalid_token"

    Examples:
      | case                   | header                      |
      | an unknown token       | Bearer not-a-token-we-issued |
      | a made-up token        | Bearer eyJhbGciOiJub25lIn0.e30. |

  @rule:DCR-MGT-04 @rule:WSO2-OBDCR-06
  Scenario: At the seed's path an unknown token gets Invalid Credentials for that API
    When the client "app" retrieves its registration at the obDcrRegisterLegacy path with the Authorization header "Bearer not-a-token-we-issued"
    Then the response status is 401
    And the response is the gateway error "900901" "Invalid Credentials"

  @rule:WSO2-OBDCR-06 @profile:cdr
  Scenario: CDR: without cdr:registration the gateway's scope check answers 900910
    When the client "app" requests a management token with scope "bank:accounts.basic:read"
    Then the response status is 200
    When the client "app" retrieves its registration
    Then the response status is 403
    And the response is the gateway error "900910" "The access token does not allow you to access the requested resource"

  @rule:DCR-MGT-06 @rule:DCR-MGT-07 @rule:WSO2-OBDCR-03
  Scenario: An unknown client id answers 401, never 404
    When the client "app" retrieves an unknown registration
    Then the response status is 401
    And the response is an OAuth error "unauthorized"
    And the response header "WWW-Authenticate" starts with "Bearer error=\"invalid_token\""
    And in the WSO2 dialect the error description is "Token is not bound to the client id sent in the request"

  @rule:DCR-MGT-06 @profile:uk
  Scenario: UK: the token used on an unknown client id is revoked at once
    When the client "app" retrieves an unknown registration
    Then the response status is 401
    When the client "app" retrieves its registration
    Then the response status is 401
    And the response is the gateway error "900901" "Invalid Credentials"

  @rule:DCR-MGT-08 @rule:WSO2-OBDCR-03
  Scenario Outline: TPP 2's token on TPP 1's client is refused with 401 (<verb>)
    Given tpp2 has registered the client "other"
    And the client "other" has a management token
    When the client "other" <verb> the registration of "app"
    Then the response status is 401
    And the response is an OAuth error "unauthorized"
    And in the WSO2 dialect the error description is "Token is not bound to the client id sent in the request"
    When the client "app" retrieves its registration
    Then the response status is 200
    And the response is the registration of "app"

    Examples:
      | verb      |
      | retrieves |
      | updates   |
      | deletes   |

  @rule:CNF-03 @rule:DCR-MGT-04
  Scenario: The token over another organisation's certificate is refused
    When the client "app" retrieves its registration with the tpp2 transport certificate
    Then the response status is 401

  @rule:WSO2-TLS-02
  Scenario: Management without a client certificate is refused
    When the client "app" retrieves its registration without a client certificate
    Then the response status is 401
