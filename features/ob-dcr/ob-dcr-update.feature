@surface:ob-dcr @needs:ob-dcr @needs:mtls
Feature: Open Banking DCR, updating a registration
  PUT /register/{client_id} takes a full signed registration request (all claims, not a delta),
  validated exactly as at registration; software_id cannot change (seed 004 "Update an application").

  Background:
    Given tpp1 has registered the client "app"
    And the client "app" has a management token

  @rule:DCR-MGT-09 @rule:DCR-MGT-10
  Scenario: A full signed request updates the registration
    When the client "app" updates its registration with the request claims:
      | claim         | value                     |
      | redirect_uris | ["{{redirect_uri:tpp1}}"] |
    Then the response status is 200
    And the response is the registration of "app"
    And the response member "redirect_uris" is the JSON "[\"https://tpp1.tpp.example.com/redirects/redirect1\"]"

  @rule:DCR-MGT-10 @profile:uk
  Scenario: UK: the seed's update to tls_client_auth is applied and the client authenticates with it
    When the client "app" updates its registration for tls_client_auth
    Then the response status is 200
    And the response member "token_endpoint_auth_method" is "tls_client_auth"
    When the client "app" requests a management token
    Then the response status is 200

  @rule:DCR-MGT-17 @needs:admin-api
  Scenario: A successful update keeps the tokens already issued
    When the client "app" updates its registration
    Then the response status is 200
    When the access token of "app" is introspected
    Then the introspection says the token is active

  @rule:DCR-MGT-09 @rule:DCR-MGT-15
  Scenario Outline: An update without <claim> is refused as at registration
    When the client "app" updates its registration with the request claims:
      | claim   | value  |
      | <claim> | absent |
    Then the response status is 400
    And the response is an OAuth error "<error>"
    When the client "app" retrieves its registration
    Then the response status is 200
    And the response is the registration of "app"

    Examples:
      | claim                      | error                      |
      | software_statement         | invalid_software_statement |
      | token_endpoint_auth_method | invalid_client_metadata    |
      | grant_types                | invalid_client_metadata    |

  @rule:DCR-MGT-15
  Scenario Outline: An update that breaks a rule is refused as at registration (<case>)
    When the client "app" updates its registration with the request claims:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is 400
    And the response is an OAuth error "<error>"

    Examples:
      | case                 | claim                        | value                            | error                   |
      | RS256 ID tokens      | id_token_signed_response_alg | "RS256"                          | invalid_client_metadata |
      | an http redirect URI | redirect_uris                | ["http://tpp1.tpp.example.com/cb"] | invalid_redirect_uri  |
      | a wrong issuer       | iss                          | "{{software_id:tpp2}}"           | invalid_client_metadata |

  @rule:DCR-MGT-15 @needs:strict-redirect-uris
  Scenario: An update with a redirect URI outside the SSA's is refused
    When the client "app" updates its registration with the request claims:
      | claim         | value                                     |
      | redirect_uris | ["https://elsewhere.example.com/callback"] |
    Then the response status is 400
    And the response is an OAuth error "invalid_redirect_uri"
    And in the WSO2 dialect the error description is "Redirect URIs do not match with the software statement"

  @rule:DCR-MGT-15 @rule:DCR-REQ-08
  Scenario: An update signed RS256 is refused
    When the client "app" updates its registration with a request "signed RS256"
    Then the response status is 400

  @rule:DCR-MGT-16 @rule:WSO2-OBDCR-08
  Scenario: An update may not change the software_id, even to another software of the organisation
    When the client "app" updates its registration as another software of its organisation
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "The software_id of a registered client cannot be changed"
    When the client "app" retrieves its registration
    Then the response status is 200
    And the response is the registration of "app"

  @rule:DCR-MGT-16 @rule:DCR-MGT-15
  Scenario: An update with another organisation's software statement is refused
    When the client "app" updates its registration with the software statement of tpp2
    Then the response status is 400
    When the client "app" retrieves its registration
    Then the response status is 200
    And the response is the registration of "app"

  # wso2-surface §6.6: the service provider of an Open Banking client is named after its software id
  # (use_softwareIdForAppName); WSO2-ISDCR-09: an Identity Server update that sends no name keeps it.
  @rule:WSO2-ISDCR-09 @needs:admin-api
  Scenario: An Identity Server update of an Open Banking client that names no client_name keeps its name, the software id
    When the admin gets the IS DCR client "app"
    Then the response status is 200
    And the response member "client_name" is the software id of "app"
    When the admin updates the IS DCR client "app" with:
      """
      {"grant_types": ["client_credentials", "authorization_code", "refresh_token"]}
      """
    Then the response status is 200
    And the response member "client_name" is the software id of "app"

