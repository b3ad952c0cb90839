@surface:ob-dcr @needs:ob-dcr @needs:mtls
Feature: A TPP's client is used only over its own organisation's certificate
  The Open Banking transport certificate names the TPP's organisation (OU = org_id). A token for
  TPP 1's client requested over TPP 2's certificate would be bound to TPP 2, and with it TPP 2
  could read and delete TPP 1's registration (issue 16 point 2).

  @rule:WSO2-TOK-08
  Scenario: A token request for TPP 1's client over TPP 2's certificate fails client authentication
    Given tpp1 has registered the client "victim"
    When the client "victim" requests a client_credentials token as tpp2
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:WSO2-TOK-08 @rule:DCR-MGT-08
  Scenario: TPP 1's registration is not managed over TPP 2's certificate
    Given tpp1 has registered the client "victim"
    And the client "victim" has a management token
    When the client "victim" retrieves its registration with the tpp2 transport certificate
    Then the response status is 401
