@surface:ob-dcr @needs:ob-dcr @needs:mtls
Feature: Open Banking DCR, the seed 004 try-out end to end
  Seed 004 onboards a TPP: register with a signed request carrying a software statement over mTLS,
  get a token with private_key_jwt over mTLS, retrieve, update and delete the registration; after
  the delete the old token gets 401 (wso2-surface §6, flow (c)). Seed 004's update switches to
  tls_client_auth, which only the UK profile allows (ob-dcr-update.feature); here the update narrows
  the redirect URIs, valid in both profiles.

  # Not DCR-REQ-19: with the redirect-URI validator off the product registers the request's
  # redirect URIs over the SSA's (seed 004's own sample response), so this shows product behaviour;
  # SSA precedence is checked where the validator is on (ob-dcr-register-claims.feature).
  @rule:DCR-REQ-01 @rule:DCR-REQ-09 @profile:uk @needs:lenient-redirect-uris
  Scenario: The seed's own sample registration, re-signed with the test keys, is accepted
    When tpp1 registers the seed 004 sample registration as the client "seed"
    Then the response status is 201
    And the response Content-Type is "application/json"
    And the response is the registration of "seed"
    And the response has no client secret
    And the response member "token_endpoint_auth_method" is "private_key_jwt"
    And the response member "redirect_uris" is the JSON "[\"https://www.mockcompany.com.au/redirects/redirect1\", \"https://www.mockcompany.com.au/redirects/redirect2\"]"
    And the response member "application_type" is "web"
    And the response member "response_types" is the JSON "[\"code id_token\"]"

  @rule:DCR-REQ-01 @rule:DCR-MGT-02 @rule:DCR-MGT-03 @rule:DCR-MGT-05 @rule:DCR-MGT-10 @rule:DCR-MGT-18 @rule:DCR-MGT-19 @rule:DCR-MGT-20 @rule:DCR-SSA-12
  Scenario: Register, token with private_key_jwt over mTLS, retrieve, update, delete, then 401
    When tpp1 registers the client "app"
    Then the response status is 201
    And the response is the registration of "app"
    When the client "app" requests a management token
    Then the response status is 200
    And the response is a token response
    And the access token is bound to the tpp1 transport certificate
    When the client "app" retrieves its registration
    Then the response status is 200
    And the response is the registration of "app"
    When the client "app" updates its registration with the request claims:
      | claim         | value                     |
      | redirect_uris | ["{{redirect_uri:tpp1}}"] |
    Then the response status is 200
    And the response is the registration of "app"
    And the response member "redirect_uris" is the JSON "[\"https://tpp1.tpp.example.com/redirects/redirect1\"]"
    When the client "app" deletes its registration
    Then the response status is 204
    And the response body is empty
    When the client "app" retrieves its registration
    Then the response status is 401
    And the response is the gateway error "900901" "Invalid Credentials"
