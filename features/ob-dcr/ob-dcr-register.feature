@surface:ob-dcr @needs:ob-dcr @needs:mtls
Feature: Open Banking DCR, registration
  POST /register takes a JWS (the registration request) signed with the software's key and
  carrying a software statement signed by the directory, over mutual TLS with the software's
  organisation's transport certificate (seed 004, wso2-surface §6.1-6.4).

  @rule:DCR-REQ-01 @rule:DCR-REQ-02 @rule:DCR-REQ-20 @rule:DCR-REQ-34 @rule:WSO2-OBDCR-05
  Scenario: A well-formed registration creates the client
    When tpp1 registers the client "app"
    Then the response status is 201
    And the response Content-Type is "application/json"
    And the response is the registration of "app"
    And the response has no client secret
    And the response member "token_endpoint_auth_method" is "private_key_jwt"
    And the response member "id_token_signed_response_alg" is "PS256"
    And the response member "request_object_signing_alg" is "PS256"

  @rule:DCR-REQ-01
  Scenario Outline: Registration is served at the <path> path
    When tpp1 registers the client "app" at the <path> path
    Then the response status is 201
    And the response is the registration of "app"

    Examples:
      | path                |
      | obDcrRegister       |
      | obDcrRegisterLegacy |
      | obDcrIsRegister     |

  @rule:DCR-REQ-39
  Scenario: Two software products get two client ids
    Given tpp1 has registered the client "one"
    And tpp2 has registered the client "two"
    Then the client id of "one" differs from the client id of "two"

  @rule:DCR-REQ-05 @rule:DCR-REQ-04
  Scenario: application/jwt is accepted (seed 004)
    When tpp1 registers the client "app" with the Content-Type "application/jwt"
    Then the response status is 201

  @rule:DCR-REQ-04 @profile:uk
  Scenario: UK: application/jose is accepted
    When tpp1 registers the client "app" with the Content-Type "application/jose"
    Then the response status is 201

  @rule:DCR-REQ-05 @rule:WSO2-OBDCR-02 @profile:cdr
  Scenario: CDR: application/jose is refused
    When tpp1 registers the client "app" with the Content-Type "application/jose"
    Then the response status is 415
    And the response is an OAuth error "invalid_request"
    And tpp1 can still register its software

  @rule:WSO2-OBDCR-02
  Scenario Outline: A registration sent as <type> is refused with 415 and leaves nothing behind
    When tpp1 registers the client "app" with the Content-Type "<type>"
    Then the response status is 415
    And the response is an OAuth error "invalid_request"
    And tpp1 can still register its software

    @rule:DCR-REQ-04 @rule:DCR-REQ-05
    Examples:
      | type                              |
      | application/json                  |
      | text/plain                        |
      | application/x-www-form-urlencoded |

  @rule:DCR-REQ-04 @rule:DCR-REQ-05 @rule:WSO2-OBDCR-02
  Scenario: A registration without a Content-Type is refused with 415
    When tpp1 registers the client "app" without a Content-Type
    Then the response status is 415
    And the response is an OAuth error "invalid_request"
    And tpp1 can still register its software

  @rule:DCR-REQ-04 @rule:DCR-REQ-05 @rule:DCR-REQ-06 @rule:ERR-05
  Scenario: A body of valid JSON instead of a JWT is refused and leaves nothing behind
    When tpp1 sends a registration body "of valid JSON"
    Then the response status is 400
    And the response is an OAuth error "invalid_request"
    And in the WSO2 dialect the error description is "Provided jwt is malformed and cannot be decoded"
    And tpp1 can still register its software

  @rule:ERR-05 @rule:WSO2-ERR-01 @rule:WSO2-OBDCR-01
  Scenario Outline: A body <kind> is refused with the product's error and leaves nothing behind
    When tpp1 sends a registration body "<kind>"
    Then the response status is 400
    And the response is an OAuth error "invalid_request"
    And in the WSO2 dialect the error description is "<description>"
    And tpp1 can still register its software

    Examples:
      | kind              | description                                     |
      | that is not a JWS | Provided jwt is malformed and cannot be decoded |
      | that is empty     | Request payload is empty or not present.        |

  @rule:WSO2-ERR-01
  Scenario: An oversize body is refused with 413 and leaves nothing behind
    When tpp1 sends a registration body "of 2 MiB"
    Then the response status is 413
    And the response is a well-formed JSON error with a 4xx status
    And tpp1 can still register its software

  @rule:DCR-REQ-36 @rule:WSO2-TLS-02
  Scenario: A registration without a client certificate is refused and leaves nothing behind
    When tpp1 registers the client "app" without a client certificate
    Then the response status is 401
    And the response is an OAuth error "unauthorized"
    And tpp1 can still register its software

  @rule:DCR-REQ-36 @rule:WSO2-TLS-03
  Scenario: A registration over a certificate from an untrusted CA is refused and leaves nothing behind
    When tpp1 registers the client "app" with the untrusted transport certificate
    Then the response status is 401
    And the response is an OAuth error "unauthorized"
    And tpp1 can still register its software

  @rule:WSO2-OBDCR-07
  Scenario: A registration over another organisation's certificate is refused and leaves nothing behind
    When tpp1 registers the client "app" with the tpp2 transport certificate
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "The transport certificate does not belong to the organisation of the software statement"
    And tpp1 can still register its software

  @rule:DCR-REQ-16
  Scenario: A replayed registration request is refused, even once the first client is gone
    Given tpp1 has registered the client "app"
    And the client "app" has a management token
    And the client "app" deletes its registration
    When tpp1 sends its last registration request again as the client "again"
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "Rejected the replayed jti in the registration request"

  # The product's jti validator runs with the other validators, before Identity Server creates the
  # application, so a replay of a live registration is the replay, not the duplicate name.
  @rule:DCR-REQ-16 @rule:WSO2-OBDCR-01
  Scenario: A replayed registration request is refused as a replay while its first client exists
    Given tpp1 has registered the client "app"
    When tpp1 sends its last registration request again as the client "again"
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "Rejected the replayed jti in the registration request"

  # RFC 7519 §4.1.7: a jti is remembered as long as its request is valid, here two days; the replay
  # at the request's exp is still refused.
  @rule:DCR-REQ-16 @optional @needs:clock-control
  Scenario: A registration request valid for two days is refused as a replay up to its exp
    Given the target's clock stands still
    When tpp1 registers the client "app" with the claims:
      | in                 | claim | value      |
      | software statement | exp   | now+172800 |
      | request            | exp   | now+172800 |
    Then the response status is 201
    Given the client "app" has a management token
    And the client "app" deletes its registration
    When 172800 seconds pass
    And tpp1 sends its last registration request again as the client "again"
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"

  @rule:DCR-REQ-37 @rule:WSO2-OBDCR-04
  Scenario: A second registration of the same software is refused
    Given tpp1 has registered the client "app"
    When tpp1 registers the client "again"
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the OB error description is "Application with the name {{software_id:tpp1}} already exist in the system"
