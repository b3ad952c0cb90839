@surface:token @needs:client-registration @needs:grant-client-credentials @needs:auth-private-key-jwt @needs:mtls
Feature: Token endpoint errors
  Malformed token requests get a precise RFC 6749 §5.2 error and change nothing: the tokens the
  client already holds stay active and no new token is issued.

  Background:
    Given the client "app" is registered for private_key_jwt with the tpp1 signing key
    And the client "app" has obtained a client_credentials token as tpp1

  @rule:TOK-01
  Scenario Outline: The token endpoint refuses <method>
    When a <method> request is sent to the token endpoint as tpp1
    Then the request is refused with a 4xx status and no access token
    And a 405 answer names POST in its Allow header
    And in the WSO2 dialect the response status is 405

    Examples:
      | method |
      | GET    |
      | PUT    |
      | DELETE |

  @rule:TOK-02 @rule:ERR-01
  Scenario Outline: A token request with the Content-Type <type> is refused
    When a token request is sent as tpp1 with the Content-Type "<type>" and the body:
      """
      <body>
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_request"
    When the access token of "app" is introspected
    Then the introspection says the token is active

    Examples:
      | type             | body                                  |
      | application/json | {"grant_type": "client_credentials"}  |
      | text/plain       | grant_type=client_credentials         |
      | multipart/form-data; boundary=x | --x--                  |

  @rule:TOK-03 @rule:ERR-04
  Scenario: A token request without grant_type is refused
    When the client "app" sends a token request as tpp1 with:
      | field | value    |
      | scope | accounts |
    Then the response status is 400
    And the response is an OAuth error "invalid_request"

  @rule:TOK-04 @rule:TOK-17
  Scenario Outline: The unknown grant type <grant> is refused
    When the client "app" sends a token request as tpp1 with:
      | field      | value   |
      | grant_type | <grant> |
      | username   | alice   |
      | password   | secret  |
    Then the response status is 400
    And the response is an OAuth error "unsupported_grant_type"

    Examples:
      | grant                               |
      | password                            |
      | urn:example:grant-type:no-such-grant |

  @rule:TOK-05 @needs:grant-authorization-code
  Scenario: A client registered for the code flow only gets no client_credentials token
    Given the client "codeonly" is registered with:
      """
      {"grant_types": ["authorization_code"], "response_types": ["code"], "redirect_uris": ["https://tpp.example/callback"],
       "token_endpoint_auth_method": "private_key_jwt", "token_endpoint_auth_signing_alg": "PS256", "jwks": {{jwks:tpp1}}}
      """
    When the client "codeonly" requests a client_credentials token as tpp1
    Then the response status is 400
    And the response is an OAuth error "unauthorized_client"
    And the client "codeonly" still has no token

  @rule:TOK-05 @needs:grant-jwt-bearer
  Scenario: A grant type the client did not register for is refused
    Given the client "cconly" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "private_key_jwt",
       "token_endpoint_auth_signing_alg": "PS256", "jwks": {{jwks:tpp1}}}
      """
    When the client "cconly" requests a jwt-bearer token for the user "alice@bank.example" as tpp1
    Then the response status is 400
    And the response is an OAuth error "unauthorized_client"
    And the client "cconly" still has no token

  @rule:TOK-26
  Scenario: A parameter sent without a value is treated as omitted
    When the client "app" sends a token request as tpp1 with the raw form "grant_type=client_credentials&scope=accounts&client_secret="
    Then the response status is 200
    And the response is a token response

  @rule:TOK-27
  Scenario: A token request whose body arrives in chunks, without a Content-Length, is read
    When the client "app" sends a token request as tpp1 with the raw form "grant_type=client_credentials&scope=accounts" in chunks
    Then the response status is 200
    And the response is a token response

  @rule:ERR-01
  Scenario: A parameter sent twice is refused with a JSON error
    When the client "app" sends a token request as tpp1 with the raw form "grant_type=client_credentials&scope=accounts&scope=payments"
    Then the response status is 400
    And the response Content-Type is "application/json"
    And the response is an OAuth error "invalid_request"

  @rule:WSO2-ERR-01
  Scenario: A parameter sent twice is refused and changes nothing
    When the client "app" sends a token request as tpp1 with the raw form "grant_type=client_credentials&scope=accounts&scope=payments"
    Then the response status is 400
    And the response is an OAuth error "invalid_request"
    When the access token of "app" is introspected
    Then the introspection says the token is active

  @rule:WSO2-ERR-01
  Scenario: A huge parameter value gets a well-formed error
    When the client "app" sends a token request as tpp1 with a 48 KiB scope
    Then the response is a well-formed JSON error with a 4xx status
    When the access token of "app" is introspected
    Then the introspection says the token is active

  @rule:JWT-14
  Scenario: A garbage client assertion is refused without a server error
    When the client "app" sends a token request as tpp1 with the raw form "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=%00%FF..."
    Then the response is a well-formed JSON error with a 4xx status

  @rule:WSO2-ERR-01
  Scenario: A garbage client assertion never causes a server error
    When the client "app" sends a token request as tpp1 with the raw form "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=%00%FF..."
    Then the response is a well-formed JSON error with a 4xx status
