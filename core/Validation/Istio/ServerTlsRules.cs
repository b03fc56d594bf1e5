namespace MeshStack.Core.Validation.Istio;

/// <summary>Gateway server TLS settings (GW-13 to GW-20), as istiod's validateTLSOptions.</summary>
internal static class ServerTlsRules
{
    /// <summary>The cipher suites Envoy (BoringSSL) accepts in Gateway TLS settings.</summary>
    private static readonly HashSet<string> CipherSuites = new(StringComparer.Ordinal)
    {
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA",
        "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA", "AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA",
    };

    public static void Check(Findings f, Node tls, string at)
    {
        if (!tls.IsMessage)
        {
            return;
        }

        var mode = tls["mode"].HasText ? tls["mode"].Text : "PASSTHROUGH";
        var cipherSuites = tls["cipherSuites"].Items;
        if (tls["minProtocolVersion"].Text is "TLSV1_0" or "TLSV1_1" && cipherSuites.IsEmpty)
        {
            f.Warn("GW-20", $"{at}.minProtocolVersion",
                "TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include compatible ciphers.");
        }

        CipherSuiteWarnings(f, cipherSuites, $"{at}.cipherSuites");

        var serverCertificate = tls["serverCertificate"].HasText;
        var privateKey = tls["privateKey"].HasText;
        var caCertificates = tls["caCertificates"].HasText;
        var credentialName = tls["credentialName"].HasText;
        var credentialNames = tls["credentialNames"].Count > 0;
        var tlsCertificates = tls["tlsCertificates"].Items;
        if (mode == "ISTIO_MUTUAL")
        {
            IstioMutual(f, at, serverCertificate, privateKey, caCertificates, !tlsCertificates.IsEmpty, credentialName, credentialNames);
            return;
        }

        if (mode is "PASSTHROUGH" or "AUTO_PASSTHROUGH" &&
            (tls["caCrl"].HasText || serverCertificate || privateKey || caCertificates || !tlsCertificates.IsEmpty || credentialName || credentialNames))
        {
            f.Warn("GW-14", at, $"{mode} mode does not use certificates, they will be ignored");
        }

        var sources = (serverCertificate && privateKey ? 1 : 0) + (credentialName ? 1 : 0) + (credentialNames ? 1 : 0) + (tlsCertificates.IsEmpty ? 0 : 1);
        if (sources > 1)
        {
            f.Error("GW-15", at, "only one of credential_name, credential_names, server_certificate/private_key, tls_certificates should be specified");
        }

        var terminating = mode is "SIMPLE" or "MUTUAL" or "OPTIONAL_MUTUAL";
        if (terminating && (credentialName || credentialNames))
        {
            return;
        }

        if (terminating)
        {
            var prefix = mode == "SIMPLE" ? "SIMPLE TLS" : "MUTUAL TLS";
            if (mode != "SIMPLE" && !caCertificates)
            {
                f.Error("GW-17", $"{at}.caCertificates", $"{prefix} requires a client CA bundle");
            }

            if (tlsCertificates.Length > 2)
            {
                f.Warn("GW-18", $"{at}.tlsCertificates", $"{prefix} can support up to 2 server certificates");
            }

            var certificates = tlsCertificates.IsEmpty ? [tls] : tlsCertificates;
            foreach (var certificate in certificates)
            {
                if (!certificate["serverCertificate"].HasText && !certificate["serverCertificate"].IsUnknown)
                {
                    f.Error("GW-17", at, $"{prefix} requires a server certificate");
                }

                if (!certificate["privateKey"].HasText && !certificate["privateKey"].IsUnknown)
                {
                    f.Error("GW-17", at, $"{prefix} requires a private key");
                }
            }
        }

        if (tls["caCrl"].HasText)
        {
            if (credentialName)
            {
                f.Error("GW-19", $"{at}.caCrl", "CRL is not supported with credentialName. CRL has to be specified in the credential");
            }

            if (mode == "SIMPLE")
            {
                f.Error("GW-19", $"{at}.caCrl", "CRL is not supported with SIMPLE TLS");
            }
        }
    }

    private static void IstioMutual(Findings f, string at, bool serverCertificate, bool privateKey, bool caCertificates, bool tlsCertificates, bool credentialName, bool credentialNames)
    {
        (bool Set, string What)[] forbidden =
        [
            (serverCertificate, "server certificate"), (privateKey, "private key"), (caCertificates, "CA bundle"),
            (tlsCertificates, "tlsCertificates"), (credentialName, "credentialName"), (credentialNames, "credentialNames"),
        ];
        foreach (var (set, what) in forbidden.Where(x => x.Set))
        {
            f.Error("GW-13", at, $"ISTIO_MUTUAL TLS cannot have associated {what}");
        }
    }

    private static void CipherSuiteWarnings(Findings f, IReadOnlyList<Node> suites, string at)
    {
        var invalid = new SortedSet<string>(StringComparer.Ordinal);
        var valid = new HashSet<string>(StringComparer.Ordinal);
        var duplicate = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var suite in suites.Where(s => !s.IsUnknown).Select(s => s.Text))
        {
            if (!IsValidCipherSuite(suite))
            {
                invalid.Add(suite);
            }
            else if (!valid.Add(suite))
            {
                duplicate.Add(suite);
            }
        }

        if (invalid.Count > 0)
        {
            f.Warn("GW-20", at, $"ignoring invalid cipher suites: [{string.Join(' ', invalid)}]");
        }

        if (duplicate.Count > 0)
        {
            f.Warn("GW-20", at, $"ignoring duplicate cipher suites: [{string.Join(' ', duplicate)}]");
        }
    }

    /// <summary>Known names, "" and ALL; anything starting with an operator such as '-' or '+' is let through.</summary>
    private static bool IsValidCipherSuite(string suite) =>
        suite.Length == 0 || suite == "ALL" || !char.IsLetterOrDigit(suite[0]) || CipherSuites.Contains(suite);
}
