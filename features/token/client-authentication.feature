@surface:client-authentication @needs:client-registration @needs:grant-client-credentials @needs:mtls
Feature: Client authentication at the token endpoint
  The token endpoint authenticates every client with the one method it registered: private_key_jwt
  (RFC 7523), tls_client_auth or self_signed_tls_client_auth (RFC 8705), and, outside FAPI, client
  secrets. Every failure is the same 401 invalid_client; the reason is only logged (wso2-surface §2.1).

  Background:
    Given the client "app" is registered for private_key_jwt with the tpp1 signing key

  @rule:CAUTH-01 @rule:CAUTH-10
  Scenario: A good client assertion authenticates the client
    When the client "app" requests a client_credentials token as tpp1
    Then the response status is 200
    And the response is a token response

  Scenario Outline: An assertion <variant> authenticates the client
    When the client "app" requests a client_credentials token as tpp1 with a client assertion "<variant>"
    Then the response status is 200
    And the response is a token response

    # RFC 7523 §3 lists what an assertion must hold; a typ header is not among it.
    @rule:CAUTH-01
    Examples: no type
      | variant              |
      | without a typ header |
    # RFC 7515 §4.1.4: kid is OPTIONAL, a hint; the client registered one key, which verifies.
    @rule:CAUTH-01 @profile:generic
    Examples: no key id
      | variant              |
      | without a kid header |
    # RFC 7515 §4.1.9: typ is a media type, "application/" may be left out and case does not
    # matter; draft-ietf-oauth-rfc7523bis gives client assertions the type client-authentication+jwt.
    @rule:JWT-16 @optional
    Examples: the client assertion's own types
      | variant                            |
      | with typ application/jwt           |
      | with typ client-authentication+jwt |

  # RFC 7523 §3 item 6: an assertion MAY contain iat (the harness's assertions carry no nbf already).
  @rule:CAUTH-01
  Scenario: An assertion without iat authenticates the client
    When the client "app" requests a client_credentials token as tpp1 with a client assertion where:
      | claim | value  |
      | iat   | absent |
    Then the response status is 200
    And the response is a token response

  @rule:JWT-21
  Scenario Outline: A client assertion with an extra claim holding <shape> authenticates the client
    When the client "app" requests a client_credentials token as tpp1 with a client assertion whose extra claim holds <shape>
    Then the response status is 200
    And the response is a token response

    Examples:
      | shape                                                     |
      | a string of 40 opening brackets                           |
      | a string with an escaped quote before 40 opening brackets |
      | 40 sibling arrays                                         |
      | 40 sibling objects                                        |

  @rule:WSO2-TOK-02 @rule:ERR-03 @rule:ERR-01
  Scenario: A failed client authentication answers the product's exact body
    When the client "app" requests a client_credentials token as tpp1 with a client assertion "signed by the tpp2 key"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And in the WSO2 dialect the response body is exactly:
      """
      {"error": "invalid_client", "error_description": "Client Authentication failed."}
      """
    And the response header "Cache-Control" is "no-store"
    And the response header "Pragma" is "no-cache"
    And the client "app" still has no token

  @rule:WSO2-TOK-06
  Scenario: A failed private_key_jwt authentication carries the Basic challenge too
    When the client "app" requests a client_credentials token as tpp1 with a client assertion "signed by the tpp2 key"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And the response header "WWW-Authenticate" starts with "Basic"

  @rule:ERR-04
  Scenario Outline: An assertion without <claim> is refused
    When the client "app" requests a client_credentials token as tpp1 with a client assertion where:
      | claim   | value  |
      | <claim> | absent |
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And in the WSO2 dialect the error description is "Client Authentication failed."

    @rule:CAUTH-02
    Examples: iss
      | claim |
      | iss   |
    @rule:CAUTH-03
    Examples: sub
      | claim |
      | sub   |
    @rule:CAUTH-04
    Examples: aud
      | claim |
      | aud   |
    @rule:CAUTH-06
    Examples: exp
      | claim |
      | exp   |
    @rule:CAUTH-09 @rule:JWT-09
    Examples: jti
      | claim |
      | jti   |

  Scenario Outline: An assertion whose <claim> is <case> is refused
    When the client "app" requests a client_credentials token as tpp1 with a client assertion where:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And in the WSO2 dialect the error description is "Client Authentication failed."

    @rule:CAUTH-02
    Examples: issuer
      | claim | case             | value             |
      | iss   | another client   | "someone-else"    |
    @rule:CAUTH-03
    Examples: subject
      | claim | case             | value             |
      | sub   | another client   | "someone-else"    |
    @rule:CAUTH-04
    Examples: audience
      | claim | case                   | value                                      |
      | aud   | another server         | "https://other-bank.example/oauth2/token"  |
      | aud   | an array without us    | ["https://other-bank.example/oauth2/token"] |
    @rule:CAUTH-06 @rule:JWT-06
    Examples: expiry
      | claim | case              | value    |
      | exp   | two minutes past  | now-120  |
    @rule:CAUTH-08 @rule:JWT-07
    Examples: not before
      | claim | case              | value    |
      | nbf   | ten minutes ahead | now+600  |
    @rule:JWT-08 @profile:fapi
    Examples: issued at (FAPI 2 MUST: more than 60 s ahead)
      | claim | case              | value    |
      | iat   | ten minutes ahead | now+600  |
    @rule:JWT-08 @profile:generic @optional
    Examples: issued at (other profiles SHOULD: beyond the clock skew)
      | claim | case              | value    |
      | iat   | ten minutes ahead | now+600  |
    @rule:CAUTH-07 @optional
    Examples: lifetime
      | claim | case              | value    |
      | exp   | two hours ahead   | now+7200 |
    @rule:JWT-25
    Examples: time claims that are not NumericDates
      | claim | case              | value    |
      | exp   | a word            | "soon"   |
      | nbf   | a word            | "soon"   |
      | iat   | a word            | "soon"   |

  @rule:CAUTH-04
  Scenario: An audience array that contains the token endpoint is accepted
    When the client "app" requests a client_credentials token as tpp1 with a client assertion where:
      | claim | value                                                              |
      | aud   | ["https://other-bank.example/oauth2/token", "{{token_endpoint}}"]  |
    Then the response status is 200

  Scenario Outline: An assertion <variant> is refused
    When the client "app" requests a client_credentials token as tpp1 with a client assertion "<variant>"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And in the WSO2 dialect the error description is "Client Authentication failed."

    @rule:JWT-01 @rule:CAUTH-11
    Examples: no signature
      | variant              |
      | signed with alg none |
    @rule:JWT-02 @rule:CAUTH-11
    Examples: algorithm confusion
      | variant                                    |
      | signed HS256 with the public key as secret |
    @rule:JWT-03 @rule:CAUTH-11
    Examples: algorithm outside the allow-list or the registration
      | variant                         |
      | signed RS256                    |
      | signed ES256 with the RSA key id |
    @rule:CAUTH-10 @rule:JWT-12
    Examples: a key the client did not register
      | variant                                       |
      | signed by the tpp2 key                        |
      | signed by the tpp2 key under the tpp1 key id  |
    @rule:JWT-10
    Examples: jku is never followed
      | variant                                     |
      | with a jku header pointing to the tpp2 key  |
    @rule:JWT-11
    Examples: x5u, x5c and jwk headers are not trusted
      | variant                                              |
      | with an x5u header pointing to the tpp2 certificate  |
      | with an x5c header of the tpp2 certificate           |
      | with a jwk header of the tpp2 key                    |
    @rule:JWT-13
    Examples: unknown critical header
      | variant            |
      | with a crit header |
    @rule:JWT-16 @optional
    Examples: a JWT of another kind (typ)
      | variant               |
      | with typ dpop+jwt     |
      | with typ at+jwt       |
      | with typ secevent+jwt |
    @rule:JWT-14
    Examples: malformed
      | variant                        |
      | that is not a JWT              |
      | that is truncated              |
      | with a header that is not JSON |
      | with only two parts            |
      | with a payload that is not JSON |
      | with a character outside base64url after its signature |
      | with base64 padding on its signature                   |

  @rule:JWT-05
  Scenario: A PS256 header over a registered EC key is refused
    Given the client "ec" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt", "jwks": {{jwks:tpp1+ec}}}
      """
    When the client "ec" requests a client_credentials token as tpp1 with a client assertion "with an EC signature under a PS256 header"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:DISC-13
  Scenario: A registered key marked for encryption does not verify an assertion
    Given the client "enc" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt", "jwks": {{jwks:tpp1:enc}}}
      """
    When the client "enc" requests a client_credentials token as tpp1
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:CAUTH-10
  Scenario: A registered key without "use" verifies an assertion
    # RFC 7517 §4.2: "use" is OPTIONAL; only a key marked for another use is refused (DISC-13).
    Given the client "nouse" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt", "jwks": {{jwks:tpp1:nouse}}}
      """
    When the client "nouse" requests a client_credentials token as tpp1
    Then the response status is 200

  @rule:JWT-05
  Scenario: A registered key meant for another algorithm does not verify a PS256 assertion
    # RFC 8725 §3.1: each key is used with exactly one algorithm; RFC 7517 §4.4 "alg" names it.
    Given the client "rs256" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt", "jwks": {{jwks:tpp1:rs256}}}
      """
    When the client "rs256" requests a client_credentials token as tpp1
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  # OIDC Registration §2: without a registered token_endpoint_auth_signing_alg, "any algorithm
  # supported by the OP and the RP MAY be used"; the key names no alg of its own either.
  @rule:CAUTH-11
  Scenario: A client that registered no signing algorithm authenticates with RS256 where the target lists it
    Given the target lists "RS256" in token_endpoint_auth_signing_alg_values_supported
    And the client "noalg" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt", "jwks": {{jwks:tpp1:noalg}}}
      """
    When the client "noalg" requests a client_credentials token as tpp1 with a client assertion "signed RS256"
    Then the response status is 200
    And the response is a token response

  # OIDC Registration §2: the registered alg binds even where the server lists another and the
  # key, naming no alg of its own, would fit it.
  @rule:CAUTH-11
  Scenario: A client registered for PS256 is refused an RS256 assertion where the target lists RS256
    Given the target lists "RS256" in token_endpoint_auth_signing_alg_values_supported
    And the client "ps256" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt",
       "token_endpoint_auth_signing_alg": "PS256", "jwks": {{jwks:tpp1:noalg}}}
      """
    When the client "ps256" requests a client_credentials token as tpp1 with a client assertion "signed RS256"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  # FAPI1-Adv §8.6, RFC 8725 §3.1: RS256 is outside the allow-list even for a client that registered
  # no algorithm and whose key names none: no registration check stands in for the allow-list.
  @rule:JWT-03 @profile:fapi
  Scenario: Under FAPI an assertion signed RS256 is refused from a client that registered no signing algorithm
    Given the client "noalg" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt", "jwks": {{jwks:tpp1:noalg}}}
      """
    When the client "noalg" requests a client_credentials token as tpp1 with a client assertion "signed RS256"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:CAUTH-09 @rule:JWT-09
  Scenario: A client assertion is used once
    When the client "app" requests a client_credentials token as tpp1
    Then the response status is 200
    When the client "app" requests a client_credentials token as tpp1 reusing its previous client assertion
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  # RFC 7523 §3 item 7: the jti is used once across the endpoints that authenticate the client.
  @rule:CAUTH-09 @rule:JWT-09 @needs:introspection
  Scenario: A client assertion used at introspection is not accepted again at the token endpoint
    Given the client "app" has obtained a client_credentials token as tpp1
    When the client "app" introspects the access token of "app" as tpp1
    Then the introspection says the token is active
    When the client "app" requests a client_credentials token as tpp1 reusing its previous client assertion
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:CAUTH-09 @rule:JWT-09
  Scenario: A client assertion replayed seconds later is still refused
    When the client "app" requests a client_credentials token as tpp1
    Then the response status is 200
    When 3 seconds pass
    And the client "app" requests a client_credentials token as tpp1 reusing its previous client assertion
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  # RFC 7523 §3 item 7 "used only once", also when the copies arrive together: the check and the
  # record of a jti must be one step, or each concurrent request passes the check.
  @rule:CAUTH-09 @rule:JWT-09
  Scenario: One client assertion sent in four requests at once authenticates one of them
    When the client "app" sends one client assertion in 4 token requests at once as tpp1
    Then exactly one of those requests is answered 200 and the others 401

  # RFC 7523 §3 item 7: the jti is remembered as long as the assertion could be accepted, leeway
  # included: here replayed one second before the target's leeway runs out on its exp.
  @rule:CAUTH-09 @rule:JWT-09
  Scenario: A client assertion replayed in the last second of its leeway is still refused
    Given the target's clock stands still
    When the client "app" requests a client_credentials token as tpp1 with a client assertion where:
      | claim | value |
      | exp   | now+3 |
    Then the response status is 200
    When 1 seconds and the target's clock leeway pass
    And the client "app" requests a client_credentials token as tpp1 reusing its previous client assertion
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  Scenario Outline: At the edge of the target's leeway, an assertion whose <claim> is <value> is answered <status>
    Given the target's clock stands still
    When the client "app" requests a client_credentials token as tpp1 with a client assertion where:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is <status>

    # RFC 7519 §4.1.4: valid only while now is before exp; with a leeway L, while now < exp + L.
    @rule:CAUTH-06 @rule:JWT-06
    Examples: expiry
      | claim | value          | status |
      | exp   | now-leeway-1   | 401    |
      | exp   | now-leeway     | 401    |
      | exp   | now-leeway+1   | 200    |
    # RFC 7519 §4.1.5: not before nbf; with a leeway L, valid from nbf - L on.
    @rule:CAUTH-08 @rule:JWT-07
    Examples: not before
      | claim | value          | status |
      | nbf   | now+leeway     | 200    |
      | nbf   | now+leeway+1   | 401    |

  @rule:CAUTH-06 @rule:JWT-06
  Scenario: A client assertion signed while valid is refused once it has expired
    When the client "app" signs a client assertion that expires in 2 seconds
    And 2 seconds and the target's clock leeway pass
    And the client "app" requests a client_credentials token as tpp1 reusing its previous client assertion
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:CAUTH-01
  Scenario: A wrong client_assertion_type is refused
    When the client "app" requests a client_credentials token as tpp1 with the client assertion type "urn:ietf:params:oauth:client-assertion-type:saml2-bearer"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:CAUTH-14
  Scenario: A client_id that differs from the assertion's client is refused
    Given the client "other" is registered for private_key_jwt with the tpp2 signing key
    When the client "app" requests a client_credentials token as tpp1 with a client assertion but the client_id of "other"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:CAUTH-16 @rule:CAUTH-15 @rule:ERR-02
  Scenario: An unknown client in a Basic header gets 401 with a Basic challenge
    When an unknown client sends a token request as tpp1 with a client secret in a Basic header
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And the response header "WWW-Authenticate" starts with "Basic"

  @rule:CAUTH-15 @rule:ERR-02
  Scenario: A wrong client secret in a Basic header gets 401 with a Basic challenge
    Given the client "secret" is registered for client_secret_basic with a client secret
    When the client "secret" sends a token request as tpp1 with a wrong client secret in a Basic header
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And in the WSO2 dialect the error description is "Client Authentication failed."
    And the response header "WWW-Authenticate" starts with "Basic"

  @rule:CAUTH-15 @rule:ERR-02
  Scenario Outline: A Basic header without usable credentials (<case>) gets 401 with a Basic challenge
    When a token request is sent as tpp1 with the Authorization header "<header>"
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And the response header "WWW-Authenticate" starts with "Basic"

    Examples:
      | case                 | header             |
      | the scheme alone     | Basic              |
      | not base64 of id:pwd | Basic bm8tY29sb24= |

  @rule:CAUTH-13
  Scenario: Two client authentication mechanisms in one request are refused
    When the client "app" sends a token request as tpp1 authenticating with both private_key_jwt and client_secret_post and:
      | field      | value              |
      | grant_type | client_credentials |
    Then the response status is 400
    And the response is an OAuth error "invalid_request"

  @rule:CAUTH-12
  Scenario: A client registered for tls_client_auth cannot use private_key_jwt
    Given the client "mtls" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "tls_client_auth",
       "tls_client_auth_subject_dn": "{{subject_dn:tpp1}}", "jwks": {{jwks:tpp1}}}
      """
    When the client "mtls" sends a token request as tpp1 authenticating with private_key_jwt and:
      | field      | value              |
      | grant_type | client_credentials |
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:CAUTH-12
  Scenario: A client registered for private_key_jwt cannot authenticate with its certificate alone
    When the client "app" sends a token request as tpp1 authenticating with tls_client_auth and:
      | field      | value              |
      | grant_type | client_credentials |
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:CAUTH-22 @profile:fapi
  Scenario Outline: FAPI: <method> is refused even with the right secret
    Given the client "secret" is registered for <method> with a client secret
    When the client "secret" requests a client_credentials token as tpp1
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And in the WSO2 dialect the error description is "Client Authentication failed."

    Examples:
      | method              |
      | client_secret_basic |
      | client_secret_post  |

  @rule:CAUTH-21 @profile:fapi
  Scenario: FAPI: a public client is refused
    Given the client "public" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "none", "ext_public_client": true}
      """
    When the client "public" requests a client_credentials token as tpp1
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:CAUTH-17
  Scenario: tls_client_auth with the registered subject DN authenticates the client
    Given the client "mtls" is registered for tls_client_auth with the tpp1 subject DN
    When the client "mtls" requests a client_credentials token as tpp1
    Then the response status is 200
    And the response is a token response

  @rule:CAUTH-17
  Scenario Outline: tls_client_auth refuses <case>
    Given the client "mtls" is registered for tls_client_auth with the <registered> subject DN
    When the client "mtls" requests a client_credentials token as <identity>
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And in the WSO2 dialect the error description is "Client Authentication failed."

    Examples:
      | case                                    | registered | identity  |
      | a certificate with another subject      | tpp2       | tpp1      |
      | a certificate from an untrusted CA      | untrusted  | untrusted |

  @rule:CAUTH-17
  Scenario Outline: tls_client_auth refuses tpp1's subject in <case>
    Given the target has the <identity> client identity
    And the client "mtls" is registered for tls_client_auth with the tpp1 subject DN
    When the client "mtls" requests a client_credentials token as <identity>
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

    Examples:
      | case                                               | identity           |
      | a certificate whose validity has ended             | tpp1-expired       |
      | a certificate whose validity has not begun         | tpp1-not-yet-valid |
      | a certificate with the same CN from another organisation | tpp1-other-org |
      | a certificate naming the trusted CA as issuer, signed by another key | tpp1-forged-issuer |

  # RFC 5280 §4.1.2.5: valid from notBefore through notAfter, inclusive; tried on the second.
  @rule:CAUTH-17
  Scenario Outline: tls_client_auth takes a certificate on the bounds of its validity and not a second outside (<edge>)
    Given the target has the <identity> client identity
    And the client "mtls" is registered for tls_client_auth with the tpp1 subject DN
    And the target's clock stands at the <bound> of the <identity> certificate, moved by <seconds> seconds
    When the client "mtls" requests a client_credentials token as <identity>
    Then the response status is <status>

    Examples:
      | edge                       | identity           | bound     | seconds | status |
      | at notAfter                | tpp1-expired       | notAfter  | 0       | 200    |
      | a second after notAfter    | tpp1-expired       | notAfter  | 1       | 401    |
      | at notBefore               | tpp1-not-yet-valid | notBefore | 0       | 200    |
      | a second before notBefore  | tpp1-not-yet-valid | notBefore | -1      | 401    |

  @rule:CAUTH-17
  Scenario: tls_client_auth accepts a renewed certificate with the registered subject DN
    Given the target has the tpp1-reissued client identity
    And the client "mtls" is registered for tls_client_auth with the tpp1 subject DN
    When the client "mtls" requests a client_credentials token as tpp1-reissued
    Then the response status is 200
    And the response is a token response

  @rule:CAUTH-17
  Scenario Outline: tls_client_auth compares subject DNs as DNs: the registered DN <variant> is <outcome>
    Given the client "mtls" is registered for tls_client_auth with the tpp1 subject DN <variant>
    When the client "mtls" requests a client_credentials token as tpp1
    Then the response status is <status>

    Examples:
      | variant                                           | outcome     | status |
      | with lower-case attribute types                   | the same DN | 200    |
      | with upper-case values                            | the same DN | 200    |
      | with attribute types as OIDs                      | the same DN | 200    |
      | with each value's first character hex-escaped     | the same DN | 200    |
      | with its spaces escaped                           | the same DN | 200    |
      | with its spaces doubled                           | the same DN | 200    |
      | with an escaped space before each value           | the same DN | 200    |
      | with an escaped space after each value            | the same DN | 200    |
      | with its values alone                             | no DN       | 401    |
      | with an empty RDN after its first                 | no DN       | 401    |
      | with a lone backslash after its last value        | no DN       | 401    |
      | with its spaces removed                           | another DN  | 401    |
      | with one more RDN                                 | another DN  | 401    |
      | with its RDNs in reverse order                    | another DN  | 401    |
      | with its first two RDNs made one multi-valued RDN | another DN  | 401    |

  @rule:CAUTH-25 @needs:tls-client-certificates
  Scenario: A certificate the client names in proxy headers does not authenticate it
    Given the client "mtls" is registered for tls_client_auth with the tpp1 subject DN
    When the client "mtls" requests a client_credentials token without a client certificate, naming the tpp1 certificate in proxy headers
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:WSO2-TLS-04 @needs:client-certificate-header
  Scenario: Behind the proxy, a certificate without its PEM armour authenticates the client
    Given the client "mtls" is registered for tls_client_auth with the tpp1 subject DN
    When the client "mtls" requests a client_credentials token as the proxy, sending the tpp1 certificate without its PEM armour
    Then the response status is 200

  @rule:CAUTH-20
  Scenario: tls_client_auth without a client certificate is refused
    Given the client "mtls" is registered for tls_client_auth with the tpp1 subject DN
    When the client "mtls" requests a client_credentials token without a client certificate
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:CAUTH-18
  Scenario: tls_client_auth without client_id is refused
    Given the client "mtls" is registered for tls_client_auth with the tpp1 subject DN
    When the client "mtls" requests a client_credentials token as tpp1 without a client_id
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:CAUTH-19
  Scenario: self_signed_tls_client_auth with a certificate whose key is registered authenticates the client
    Given the client "selfsigned" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "self_signed_tls_client_auth",
       "jwks": {{transport_jwks:tpp1}}}
      """
    When the client "selfsigned" requests a client_credentials token as tpp1
    Then the response status is 200

  @rule:CAUTH-19
  Scenario: self_signed_tls_client_auth with a certificate whose key is not registered is refused
    Given the client "selfsigned" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "self_signed_tls_client_auth",
       "jwks": {{transport_jwks:tpp2}}}
      """
    When the client "selfsigned" requests a client_credentials token as tpp1
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:JWT-04 @profile:fapi
  Scenario Outline: FAPI 1: a client assertion signed with <key> (EdDSA) is refused
    When the client "odd" registers a generated <key> key for private_key_jwt and authenticates with it as tpp1
    Then the client "odd" is refused at registration with "invalid_client_metadata" or at client authentication with "invalid_client"

    Examples:
      | key     |
      | Ed25519 |

  @rule:JWT-15
  Scenario Outline: A client assertion signed with a <key> key is refused
    When the client "weak" registers a generated <key> key for private_key_jwt and authenticates with it as tpp1
    Then the client "weak" is refused at registration with "invalid_client_metadata" or at client authentication with "invalid_client"

    Examples:
      | key      |
      | RSA-1024 |
      | RSA-1536 |

  @rule:JWT-15
  Scenario Outline: A client assertion signed with a generated <key> key authenticates the client
    When the client "strong" registers a generated <key> key for private_key_jwt and authenticates with it as tpp1
    Then the response status is 200
    And the response is a token response

    Examples:
      | key      |
      | RSA-2048 |
      | P-256    |
