@surface:token @needs:client-registration @needs:grant-client-credentials
Feature: Every advertised client authentication method, at every endpoint that takes one
  A client registered for a method the server advertises authenticates with it at the token
  endpoint (RFC 6749 §2.3, RFC 7523 §2.2, RFC 8705 §2) and, where the server lists it for them,
  at the introspection (RFC 7662 §2.1) and revocation (RFC 7009 §2.1) endpoints; a wrong
  credential of that method fails there too.

  @rule:CAUTH-24 @rule:TOK-06
  Scenario Outline: A <method> client gets a token
    Given the client "c" is registered for the <method> method
    When the client "c" requests a client_credentials token with scope "accounts" <connection>
    Then the response status is 200
    And the response is a token response

    @needs:auth-client-secret-basic
    Examples: client_secret_basic
      | method              | connection                   |
      | client_secret_basic | without a client certificate |
    @needs:auth-client-secret-post
    Examples: client_secret_post
      | method              | connection                   |
      | client_secret_post  | without a client certificate |
    @needs:auth-private-key-jwt
    Examples: private_key_jwt
      | method              | connection                   |
      | private_key_jwt     | as tpp1                      |
    @needs:auth-tls-client-auth @needs:mtls
    Examples: tls_client_auth
      | method              | connection                   |
      | tls_client_auth     | as tpp1                      |
    @needs:auth-self-signed-tls-client-auth @needs:mtls
    Examples: self_signed_tls_client_auth
      | method                      | connection           |
      | self_signed_tls_client_auth | as tpp1              |

  @rule:CAUTH-24 @rule:INTRO-02 @rule:INTRO-03 @needs:introspection
  Scenario Outline: A <method> client introspects its own token
    Given the target takes <method> at its introspection endpoint
    And the client "c" is registered for the <method> method
    And the client "c" requests a client_credentials token with scope "accounts" as <identity>
    When the client "c" introspects the access token of "c" as <identity>
    Then the introspection says the token is active

    @needs:auth-client-secret-basic
    Examples: client_secret_basic
      | method              | identity |
      | client_secret_basic | none     |
    @needs:auth-client-secret-post
    Examples: client_secret_post
      | method              | identity |
      | client_secret_post  | none     |
    @needs:auth-private-key-jwt
    Examples: private_key_jwt
      | method              | identity |
      | private_key_jwt     | tpp1     |
    @needs:auth-tls-client-auth @needs:mtls
    Examples: tls_client_auth
      | method              | identity |
      | tls_client_auth     | tpp1     |
    @needs:auth-self-signed-tls-client-auth @needs:mtls
    Examples: self_signed_tls_client_auth
      | method                      | identity |
      | self_signed_tls_client_auth | tpp1     |

  @rule:CAUTH-24 @rule:REV-02 @rule:REV-03 @needs:revocation @needs:introspection
  Scenario Outline: A <method> client revokes its own token
    Given the target takes <method> at its revocation endpoint
    And the client "c" is registered for the <method> method
    And the client "c" requests a client_credentials token with scope "accounts" as <identity>
    When the client "c" revokes the access token of "c" as <identity>
    Then the response status is 200
    When the access token of "c" is introspected
    Then the introspection says only that the token is inactive

    @needs:auth-client-secret-basic
    Examples: client_secret_basic
      | method              | identity |
      | client_secret_basic | none     |
    @needs:auth-client-secret-post
    Examples: client_secret_post
      | method              | identity |
      | client_secret_post  | none     |
    @needs:auth-private-key-jwt
    Examples: private_key_jwt
      | method              | identity |
      | private_key_jwt     | tpp1     |
    @needs:auth-tls-client-auth @needs:mtls
    Examples: tls_client_auth
      | method              | identity |
      | tls_client_auth     | tpp1     |
    @needs:auth-self-signed-tls-client-auth @needs:mtls
    Examples: self_signed_tls_client_auth
      | method                      | identity |
      | self_signed_tls_client_auth | tpp1     |

  @rule:CAUTH-24 @rule:ERR-03
  Scenario Outline: A <method> client with a wrong credential gets no token
    Given the client "c" is registered for the <method> method
    When the client "c" requests a client_credentials token with a wrong credential
    Then the response status is 400 or 401
    And the response is an OAuth error "invalid_client"

    @needs:auth-client-secret-post
    Examples: client_secret_post
      | method                      |
      | client_secret_post          |
    @needs:auth-private-key-jwt
    Examples: private_key_jwt
      | method                      |
      | private_key_jwt             |
    @needs:auth-tls-client-auth @needs:mtls
    Examples: tls_client_auth
      | method                      |
      | tls_client_auth             |
    @needs:auth-self-signed-tls-client-auth @needs:mtls
    Examples: self_signed_tls_client_auth
      | method                      |
      | self_signed_tls_client_auth |

  @rule:CAUTH-15 @rule:ERR-02 @needs:auth-client-secret-basic
  Scenario: A client_secret_basic client with a wrong secret gets 401 and a Basic challenge
    Given the client "c" is registered for the client_secret_basic method
    When the client "c" requests a client_credentials token with a wrong credential
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And the response header "WWW-Authenticate" starts with "Basic"

  @rule:CAUTH-24 @rule:INTRO-02 @rule:ERR-03 @needs:introspection
  Scenario Outline: A <method> client with a wrong credential cannot introspect
    Given the target takes <method> at its introspection endpoint
    And the client "c" is registered for the <method> method
    And the client "c" requests a client_credentials token with scope "accounts" as <identity>
    When the client "c" calls its introspection endpoint for its token with a wrong credential
    Then the response status is <status>
    And the response is an OAuth error "invalid_client"

    @needs:auth-client-secret-basic
    Examples: client_secret_basic
      | method              | identity | status     |
      | client_secret_basic | none     | 401        |
    @needs:auth-client-secret-post
    Examples: client_secret_post
      | method              | identity | status     |
      | client_secret_post  | none     | 400 or 401 |
    @needs:auth-private-key-jwt
    Examples: private_key_jwt
      | method              | identity | status     |
      | private_key_jwt     | tpp1     | 400 or 401 |
    @needs:auth-tls-client-auth @needs:mtls
    Examples: tls_client_auth
      | method              | identity | status     |
      | tls_client_auth     | tpp1     | 400 or 401 |

  @rule:CAUTH-24 @rule:REV-02 @rule:ERR-03 @needs:revocation @needs:introspection
  Scenario Outline: A <method> client with a wrong credential cannot revoke
    Given the target takes <method> at its revocation endpoint
    And the client "c" is registered for the <method> method
    And the client "c" requests a client_credentials token with scope "accounts" as <identity>
    When the client "c" calls its revocation endpoint for its token with a wrong credential
    Then the response status is <status>
    And the response is an OAuth error "invalid_client"
    When the access token of "c" is introspected
    Then the introspection says the token is active

    @needs:auth-client-secret-basic
    Examples: client_secret_basic
      | method              | identity | status     |
      | client_secret_basic | none     | 401        |
    @needs:auth-client-secret-post
    Examples: client_secret_post
      | method              | identity | status     |
      | client_secret_post  | none     | 400 or 401 |
    @needs:auth-private-key-jwt
    Examples: private_key_jwt
      | method              | identity | status     |
      | private_key_jwt     | tpp1     | 400 or 401 |
    @needs:auth-tls-client-auth @needs:mtls
    Examples: tls_client_auth
      | method              | identity | status     |
      | tls_client_auth     | tpp1     | 400 or 401 |
