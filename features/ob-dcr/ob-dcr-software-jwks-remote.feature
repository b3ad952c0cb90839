@surface:ob-dcr @needs:ob-dcr @needs:mtls @needs:software-jwks-host
Feature: Open Banking DCR, the software's JWKS fetched from where the software statement says
  The SSA names where the software's keys are published (UK software_jwks_endpoint, CDR jwks_uri).
  Here that is the harness's software JWKS host, serving keys the directory never had: a request
  or client assertion signed with them verifies only if the target fetched them from there. The
  target fetches only allow-listed https locations, follows no redirect and reads a bounded
  answer (DCR-SSA-15); a location that gives no key set leaves nothing to verify with.

  @rule:DCR-REQ-07 @rule:DCR-SSA-12 @rule:DCR-REQ-01
  Scenario: Keys served at the SSA's JWKS location verify the request and the client's assertions
    Given the software JWKS host serves a new key set "keys"
    When tpp1 registers the client "app" signed with the key of "keys", whose software statement names "keys"
    Then the response status is 201
    And the response is the registration of "app"
    And the software JWKS host was asked for "keys"
    When the client "app" requests a management token
    Then the response status is 200
    And the response is a token response

  @rule:DCR-REQ-08 @rule:DCR-SSA-12
  Scenario: A software whose key is EC registers with an ES256 request and authenticates with ES256 assertions
    Given the software JWKS host serves a new EC key set "keys"
    When tpp1 registers the client "app" signed with the key of "keys", whose software statement names "keys"
    Then the response status is 201
    And the response is the registration of "app"
    When the client "app" requests a management token
    Then the response status is 200
    And the response is a token response

  # OIDC Core §10.1.1: a kid the server has not seen sends it back to the key set location.
  @rule:JWT-22 @rule:DCR-SSA-12 @optional
  Scenario: A key the software adds at its JWKS location verifies the client's next assertion
    Given the software JWKS host serves a new key set "keys"
    And tpp1 has registered the client "app" signed with the key of "keys", whose software statement names "keys"
    When the client "app" requests a management token
    Then the response status is 200
    When the software JWKS host adds a new key "rotated" to the key set "keys"
    And the client "app" requests a management token signed with the key of "rotated"
    Then the response status is 200
    And the response is a token response

  # A kid is the caller's to invent: the re-reads it causes are bounded (JWT-22 MAY; hostile clients).
  @rule:JWT-22 @optional
  Scenario: Assertions naming three invented kids in a row send the target back to the JWKS location at most once
    Given the software JWKS host serves a new key set "keys"
    And the software JWKS host serves a new key set "stranger"
    And tpp1 has registered the client "app" signed with the key of "keys", whose software statement names "keys"
    When the client "app" requests a management token signed with the key of "stranger"
    And the client "app" requests a management token signed with the key of "stranger"
    And the client "app" requests a management token signed with the key of "stranger"
    Then the response status is 401
    And the software JWKS host was asked for "keys" at most 2 times

  # Key removal: a compromised key taken out of the JWKS location stops verifying within the
  # time the target keeps a key set (JWT-23); a kept key goes on verifying after it.
  @rule:JWT-23 @needs:clock-control @optional
  Scenario: A key removed from the software's JWKS location stops verifying once the target's copy has expired
    Given the target's clock stands still
    And the software JWKS host serves a new key set "keys"
    And tpp1 has registered the client "app" signed with the key of "keys", whose software statement names "keys"
    When the client "app" requests a management token
    Then the response status is 200
    When the software JWKS host replaces the key set "keys" with a new key "next"
    And the target's cached copies of key sets expire
    And the client "app" requests a management token signed with the key of "keys"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    When the client "app" requests a management token signed with the key of "next"
    Then the response status is 200

  @rule:JWT-23 @needs:clock-control @optional
  Scenario: A key still at the software's JWKS location goes on verifying after the target's copy has expired
    Given the target's clock stands still
    And the software JWKS host serves a new key set "keys"
    And tpp1 has registered the client "app" signed with the key of "keys", whose software statement names "keys"
    When the target's cached copies of key sets expire
    And the client "app" requests a management token
    Then the response status is 200

  @rule:DCR-SSA-12
  Scenario: A client assertion signed with a key not at the SSA's JWKS location is refused
    Given the software JWKS host serves a new key set "keys"
    And tpp1 has registered the client "app" signed with the key of "keys", whose software statement names "keys"
    When the client "app" requests a management token signed with its TPP's directory key
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:DCR-REQ-07
  Scenario: A request signed with the software's key from the directory is refused when the SSA names another location
    Given the software JWKS host serves a new key set "keys"
    When tpp1 registers the client "app" signed with its directory key, whose software statement names "keys"
    Then the response status is 400
    And the response is one of the OAuth errors "invalid_request, invalid_client_metadata, invalid_software_statement"
    And tpp1 can still register its software

  @rule:DCR-REQ-07
  Scenario Outline: A request is refused when the SSA's JWKS location answers <answer>
    Given the software JWKS host serves a new key set "keys"
    And the software JWKS host answers <answer> at "elsewhere"
    When tpp1 registers the client "app" signed with the key of "keys", whose software statement names "elsewhere"
    Then the response status is 400
    And the response is one of the OAuth errors "invalid_request, invalid_client_metadata, invalid_software_statement"
    And tpp1 can still register its software

    Examples:
      | answer                                         |
      | 404 Not Found                                  |
      | a body that is not JSON                        |
      | JSON without "keys", holding the key of "keys" |
      | 503 Service Unavailable with the key set of "keys" |

  @rule:DCR-SSA-15 @optional
  Scenario Outline: A software JWKS location <location> is not fetched, though its key would verify the request
    Given the software JWKS host serves a new key set "keys"
    When tpp1 registers the client "app" signed with the key of "keys", whose software statement names "keys" <location>
    Then the response status is 400
    And the response is one of the OAuth errors "invalid_request, invalid_client_metadata, invalid_software_statement, unapproved_software_statement"
    And the software JWKS host was not asked for "keys"
    And tpp1 can still register its software

    Examples:
      | location                                     |
      | over plain HTTP                              |
      | with userinfo in the URL                     |
      | by a location the target does not allow-list |
      | behind a certificate the target does not trust |

  @rule:DCR-SSA-15 @optional
  Scenario: A redirect from the software JWKS location is not followed, though it leads to the key
    Given the software JWKS host serves a new key set "keys"
    And the software JWKS host answers a redirect to "keys" at "moved"
    When tpp1 registers the client "app" signed with the key of "keys", whose software statement names "moved"
    Then the response status is 400
    And the response is one of the OAuth errors "invalid_request, invalid_client_metadata, invalid_software_statement"
    And the software JWKS host was not asked for "keys"
    And tpp1 can still register its software

  @rule:DCR-SSA-15 @optional
  Scenario: A software JWKS answer far larger than a key set is not read whole
    Given the software JWKS host serves a new key set "keys"
    And the software JWKS host answers the key of "keys" padded to 4 MiB at "huge"
    When tpp1 registers the client "app" signed with the key of "keys", whose software statement names "huge"
    Then the response status is 400
    And the response is one of the OAuth errors "invalid_request, invalid_client_metadata, invalid_software_statement"
    And tpp1 can still register its software
