@surface:devportal @needs:apim @needs:admin-api
Feature: Regulatory applications at the FS Key Manager - what the Identity Server is told

  For a regulatory application the fsKeyManager does more than the IS DCR create: it finds the
  client's Identity Server application, updates the client with the regulatory attributes and
  certificate-bound tokens, and sets the application certificate (apim-surface §5.3). The keys
  listing reads the attributes back from the Identity Server.

  Background:
    Given the admin has added the seed 000 fsKeyManager "IS7KM"

  @rule:WSO2-DEVP-21
  Scenario: Regulatory keys leave regulatory, sp_certificate and the certificate at the Identity Server
    Given the TPP "tpp" has signed up in the Developer Portal
    And the TPP "tpp" has created the application "TppApp"
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["authorization_code", "client_credentials", "refresh_token"],
       "callbackUrl": "https://tpp.example.com/callback",
       "additionalProperties": {"ext_pkce_mandatory": "true", "ext_pkce_support_plain": "false", "ext_public_client": "false",
         "regulatory": "true", "sp_certificate": "{{certificate}}"}}
      """
    Then the response status is 200
    # Step 4: the client updated with certificate-bound tokens, its own settings kept.
    When the admin reads the client of the PRODUCTION key of "TppApp" at the Identity Server
    Then the response status is 200
    And the response member "tls_client_certificate_bound_access_tokens" is the JSON "true"
    And the response member "ext_pkce_mandatory" is the JSON "true"
    # Steps 1-2, 4 and 5: the application behind the client holds the attributes and the certificate.
    When the admin reads the Identity Server application of the client of the PRODUCTION key of "TppApp"
    Then the response status is 200
    And the application has the SP property "regulatory" set to "true"
    And the application has the SP property "sp_certificate" set to the application certificate sent
    And the application's certificate is the application certificate sent
    # retrieveApplication: the listing merges them back.
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response status is 200
    And the listed PRODUCTION key of "TppApp" has regulatory "true" and the application certificate sent
