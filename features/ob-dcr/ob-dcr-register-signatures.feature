@surface:ob-dcr @needs:ob-dcr @needs:mtls
Feature: Open Banking DCR, signatures of the request and of the software statement
  The request JWS verifies only with the software's JWKS named in the SSA and only with PS256 or
  ES256; the SSA verifies only with the directory's key, from a trusted issuer, unexpired. Keys are
  never taken from the JOSE header (DCR-SSA-09).

  Scenario Outline: A registration request <variant> is refused
    When tpp1 registers the client "app" with a request "<variant>"
    Then the response status is 400
    And the response is an OAuth error "invalid_request"
    And tpp1 can still register its software

    @rule:DCR-REQ-08 @rule:JWT-01
    Examples: algorithms
      | variant                                     |
      | signed with alg none                        |
      | signed HS256 with the public key as secret  |
      | signed RS256                                |
      | signed RS512                                |
      | signed PS384                                |
      | signed PS512                                |
      | with an ES256 header over an RSA signature  |
    @rule:DCR-SSA-09
    Examples: keys from the header
      | variant                                                    |
      | with a jwk header of a key nobody trusts                   |
      | with a jku header pointing to a key nobody trusts          |
      | with an x5u header pointing to a certificate nobody trusts |
    @rule:ERR-05
    Examples: not a JWS
      | variant                          |
      | that is not a JWT                |
      | with only two parts              |
      | with a header that is not JSON   |
      | with a payload that is not JSON  |

  Scenario Outline: A registration request <variant> is refused for its key
    When tpp1 registers the client "app" with a request "<variant>"
    Then the response status is 400
    And the response is an OAuth error "invalid_request"
    And in the WSO2 dialect the OB error description is "Invalid request signature. Signed JWT rejected: <rejection>"
    And tpp1 can still register its software

    # The rejection is Nimbus's DefaultJWTProcessor message (wso2-surface §6.5): no key of the
    # software's JWKS fits the header's kid and alg, or keys fit and none verifies.
    @rule:DCR-REQ-07
    Examples: keys
      | variant                                              | rejection                                              |
      | signed by a key nobody trusts                        | Another algorithm expected, or no matching key(s) found |
      | signed ES256 by a key nobody trusts                  | Another algorithm expected, or no matching key(s) found |
      | signed by a key nobody trusts under the right key id | Invalid signature                                      |
      | with an unknown key id                               | Another algorithm expected, or no matching key(s) found |
      | with a tampered payload                              | Invalid signature                                      |
      | with an ES256 header over an RSA signature           | Another algorithm expected, or no matching key(s) found |

  @rule:DCR-REQ-07
  Scenario: A request signed by another organisation's software key is refused
    When tpp1 registers the client "app" with the software statement of tpp2
    Then the response status is 400
    And tpp1 can still register its software

  Scenario Outline: A software statement <variant> is refused
    When tpp1 registers the client "app" with a software statement "<variant>"
    Then the response status is 400
    And the response is an OAuth error "invalid_software_statement"
    And tpp1 can still register its software

    @rule:DCR-SSA-02 @rule:DCR-SSA-03
    Examples: untrusted keys
      | variant                                              |
      | signed by a key nobody trusts                        |
      | signed ES256 by a key nobody trusts                  |
      | signed by a key nobody trusts under the right key id |
      | with a tampered payload                              |
    @rule:DCR-SSA-07 @rule:DCR-SSA-08 @rule:JWT-01
    Examples: algorithms
      | variant                                    |
      | signed with alg none                       |
      | signed HS256 with the public key as secret |
      | signed RS256                               |
      | signed PS384                               |
    @rule:DCR-SSA-10
    Examples: unknown key id
      | variant                |
      | with an unknown key id |
    @rule:DCR-SSA-09
    Examples: keys from the header
      | variant                                                    |
      | with a jwk header of a key nobody trusts                   |
      | with a jku header pointing to a key nobody trusts          |
      | with an x5u header pointing to a certificate nobody trusts |
    @rule:DCR-SSA-01
    Examples: not a JWS
      | variant                         |
      | that is not a JWT               |
      | with only two parts             |
      | with a payload that is not JSON |

  @rule:DCR-SSA-02 @rule:DCR-SSA-03
  Scenario: A software statement signed by the directory key is accepted
    When tpp1 registers the client "app"
    Then the response status is 201
    And the response is the registration of "app"

  @rule:DCR-SSA-01 @rule:WSO2-OBDCR-01
  Scenario: A garbage software statement gets the product's error
    When tpp1 registers the client "app" with the request claims:
      | claim              | value               |
      | software_statement | "garbage.garbage"   |
    Then the response status is 400
    And the response is an OAuth error "invalid_software_statement"
    And in the WSO2 dialect the error description is "Malformed Software Statement JWT found"
    And tpp1 can still register its software

  # RFC 7591 §2 (jwks_uri): the software's key set is at one URL string; a list names none, so the
  # request cannot be verified with the software's keys.
  @rule:DCR-REQ-07
  Scenario Outline: <profile>: a software statement whose JWKS location is a list is refused
    When tpp1 registers the client "app" with the software statement claims:
      | claim   | value                 |
      | <claim> | ["{{jwks_uri:tpp1}}"] |
    Then the response status is 400
    And tpp1 can still register its software

    @profile:uk
    Examples: UK
      | profile | claim                  |
      | UK      | software_jwks_endpoint |
    @profile:cdr
    Examples: CDR
      | profile | claim    |
      | CDR     | jwks_uri |

  Scenario Outline: A software statement whose <claim> is <case> is refused
    When tpp1 registers the client "app" with the software statement claims:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is 400
    And the response is an OAuth error "<error>"
    And tpp1 can still register its software

    @rule:DCR-SSA-04
    Examples: issuer
      | claim | case                  | value                 | error                         |
      | iss   | an untrusted issuer   | "Untrusted Directory" | unapproved_software_statement |
    @rule:DCR-SSA-01
    Examples: missing issuer
      | claim | case   | value  | error                      |
      | iss   | absent | absent | invalid_software_statement |
    @rule:DCR-SSA-05
    Examples: expiry
      | claim | case                         | value    | error                      |
      | exp   | in the past beyond the skew  | now-600  | invalid_software_statement |
    @rule:DCR-SSA-06
    Examples: issued at
      | claim | case                          | value   | error                      |
      | iat   | in the future beyond the skew | now+600 | invalid_software_statement |

  @rule:DCR-SSA-04 @rule:WSO2-ERR-01
  Scenario: An SSA from an untrusted issuer gets the product's description
    When tpp1 registers the client "app" with the software statement claims:
      | claim | value                 |
      | iss   | "Untrusted Directory" |
    Then the response status is 400
    And the response is an OAuth error "unapproved_software_statement"
    And in the WSO2 dialect the error description is "Invalid issuer in software statement"

  @rule:DCR-REQ-09 @rule:DCR-REQ-10
  Scenario: A request whose iss is not the SSA's software_id is refused (another TPP's SSA)
    When tpp1 registers the client "app" with the software statement claims:
      | claim       | value                  |
      | software_id | "{{software_id:tpp2}}" |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And in the WSO2 dialect the error description is "Invalid issuer, issuer should be the same as the software id"
    And tpp1 can still register its software
