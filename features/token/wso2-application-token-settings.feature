@surface:token @needs:admin-api @needs:grant-client-credentials @needs:auth-client-secret-basic
Feature: An Identity Server application's token settings shape its tokens

  The lifetimes and token type the key manager connector sets on a client at IS DCR (seed 000
  "Application Access Token Expiry Time", the application's token type) are the ones Identity
  Server issues with (wso2-surface §3; identity-inbound-auth-oauth OAuthAppDO).

  # identity-inbound-auth-oauth: the application's access token expiry time overrides the server's default.
  @rule:WSO2-TOK-09
  Scenario: An application's own access token lifetime sets its application tokens'
    Given the admin has registered the IS DCR client "short" with:
      """
      {"client_name": "{{unique:short}}", "grant_types": ["client_credentials"], "ext_application_token_lifetime": 1200}
      """
    When the IS DCR client "short" gets a client_credentials token with its secret
    Then the response status is 200
    And the response member "expires_in" is the JSON "1200"
    And the access token lives 1200 seconds

  # The IS 7 connector sends 0 for a lifetime not given (apim-surface §5.2): 0 means the server's default.
  @rule:WSO2-TOK-09
  Scenario: A lifetime of 0 is none: the application's tokens live as long as those of an application without one
    Given the admin has registered the IS DCR client "zero" with:
      """
      {"client_name": "{{unique:zero}}", "grant_types": ["client_credentials"], "ext_application_token_lifetime": 0}
      """
    And the admin has registered the IS DCR client "unset" with:
      """
      {"client_name": "{{unique:unset}}", "grant_types": ["client_credentials"]}
      """
    When the IS DCR client "unset" gets a client_credentials token with its secret
    And the IS DCR client "zero" gets a client_credentials token with its secret
    Then the response status is 200
    And the access tokens of "zero" and "unset" have the same expires_in

  # OAuthAppDO tokenType "Default": Identity Server's opaque (UUID) access tokens.
  @rule:WSO2-TOK-10 @needs:introspection
  Scenario: An application whose token type is Default gets opaque access tokens that introspect
    Given the admin has registered the IS DCR client "opaque" with:
      """
      {"client_name": "{{unique:opaque}}", "grant_types": ["client_credentials"], "token_type_extension": "Default"}
      """
    When the IS DCR client "opaque" gets a client_credentials token with its secret
    Then the response status is 200
    And the access token is opaque
    When the admin introspects the access token of "opaque"
    Then the response status is 200
    And the introspection says the token is active
    And the response member "client_id" is "{{client_id:opaque}}"
    # TokenValidationHandler reports a jti for JWT access tokens only.
    And the response does not have the member "jti"

  # OAuthAppDO userAccessTokenExpiryTime and refreshTokenExpiryTime: a user's tokens take the application's own.
  @rule:WSO2-TOK-09 @profile:generic @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:introspection
  Scenario: A user's tokens take the application's user token, ID token and refresh token lifetimes
    Given tpp1 has registered the code flow client "life" with:
      """
      {"grant_types": ["authorization_code", "refresh_token"], "ext_application_token_lifetime": 1100,
       "ext_user_token_lifetime": 1300, "ext_id_token_lifetime": 1400, "ext_refresh_token_lifetime": 2000}
      """
    And "life" has obtained tokens through a plain authorization code flow
    Then the response member "expires_in" is the JSON "1300"
    And the access token lives 1300 seconds
    And the ID token issued to "life" lives 1400 seconds
    When the admin introspects the refresh token of "life"
    Then the response status is 200
    And the introspection says the token is active
    And the introspected token lives 2000 seconds

  # OAuthAdminServiceImpl.validateTokenExpiryConfigurations: an ID token expiry time of 0 is the
  # server's default, so the ID token is valid when issued (OIDC Core §3.1.3.7 item 9).
  @rule:WSO2-TOK-09 @profile:generic @needs:client-registration @needs:psu-login @needs:grant-authorization-code
  Scenario: An ID token lifetime of 0 is none: the ID token is valid when issued
    Given tpp1 has registered the code flow client "zero" with:
      """
      {"ext_id_token_lifetime": 0}
      """
    And "zero" has obtained tokens through a plain authorization code flow
    Then the token response has an access token and an ID token for the client and the nonce
