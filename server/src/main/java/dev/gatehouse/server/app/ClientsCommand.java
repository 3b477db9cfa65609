package dev.gatehouse.server.app;

import dev.gatehouse.server.client.ClientMetadata;
import dev.gatehouse.server.client.ClientRegistrations;
import dev.gatehouse.server.client.InvalidClientMetadataException;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.RegisteredClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse clients create|list|delete|rotate-secret}. */
@Command(name = "clients", description = "Register, list and delete OAuth clients; rotate their secrets.",
    mixinStandardHelpOptions = true)
final class ClientsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static CommandLine build(CliContext context) {
    CommandLine cli = new CommandLine(new ClientsCommand());
    cli.addSubcommand("create", new Create(context));
    cli.addSubcommand("list", new ListClients(context));
    cli.addSubcommand("delete", new Delete(context));
    cli.addSubcommand("rotate-secret", new RotateSecret(context));
    return cli;
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Register a client. A confidential client's secret is generated (or read from"
          + " standard input with --secret-stdin) and printed once.")
  static final class Create implements Callable<Integer> {
    private final CliContext context;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--id", required = true, description = "client_id (A-Z a-z 0-9 . _ ~ -)")
    String clientId;

    @Option(names = "--name", description = "display name shown on consent pages")
    String name = "";

    @Option(names = "--type", defaultValue = "confidential",
        description = "confidential or public (default: ${DEFAULT-VALUE})")
    String type;

    @Option(names = "--secret-stdin", description = "read the client secret from standard input")
    boolean secretStdin;

    @Option(names = "--redirect-uri", description = "a redirect URI (repeatable; matched exactly)")
    List<String> redirectUris = new ArrayList<>();

    @Option(names = "--grant-type", split = ",",
        description = "authorization_code, refresh_token, client_credentials (repeatable or comma-separated)")
    List<String> grantTypes = new ArrayList<>();

    @Option(names = "--scope", split = "[ ,]", description = "allowed scopes (repeatable, space- or comma-separated)")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--auth-method",
        description = "client_secret_basic (default), client_secret_post, private_key_jwt (needs --jwks or --jwks-uri), or none for public clients")
    String authMethod;

    @Option(names = "--id-token-alg", description = "ID token signature: RS256 (default), ES256 or EdDSA")
    String idTokenAlg;

    @Option(names = "--jwks", description = "the client's public JWK Set as JSON (for private_key_jwt)")
    String jwks;

    @Option(names = "--jwks-uri", description = "https URL of the client's public JWK Set (for private_key_jwt)")
    String jwksUri;

    @Option(names = "--cors-origin", description = "a browser origin allowed CORS access, e.g. https://app.example.com (repeatable)")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--post-logout-redirect-uri", description = "a post-logout redirect URI (repeatable)")
    List<String> postLogoutRedirectUris = new ArrayList<>();

    @Option(names = "--first-party", description = "skip the consent page for this client")
    boolean firstParty;

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ClientType clientType = switch (type.toLowerCase(Locale.ROOT)) {
        case "confidential" -> ClientType.CONFIDENTIAL;
        case "public" -> ClientType.PUBLIC;
        default -> throw new IllegalArgumentException("--type must be confidential or public, got '" + type + "'");
      };
      Optional<String> secret = secretStdin
          ? Optional.of(new String(context.readSecretLine("client secret"))) : Optional.empty();
      PrintWriter out = spec.commandLine().getOut();
      try (CliContext.Session session = context.open(out)) {
        if (idTokenAlg != null && !session.config().signingAlgorithms().contains(idTokenAlg)) {
          // The server signs ID tokens only with algorithms it has keys for.
          throw new InvalidClientMetadataException("--id-token-alg " + idTokenAlg
              + " is not in GATEHOUSE_SIGNING_ALGORITHMS " + session.config().signingAlgorithms());
        }
        ClientRegistrations.Registered registered = session.components().clients.register(
            new ClientMetadata(clientId, name, clientType, secret, redirectUris,
                new LinkedHashSet<>(grantTypes), new LinkedHashSet<>(scopes),
                Optional.ofNullable(authMethod), postLogoutRedirectUris, firstParty,
                Optional.ofNullable(idTokenAlg), Optional.ofNullable(jwks), Optional.ofNullable(jwksUri), corsOrigins));
        RegisteredClient client = registered.client();
        out.println("Created " + client.clientType().name().toLowerCase(Locale.ROOT) + " client "
            + client.clientId() + " (grant types: " + String.join(" ", client.grantTypes())
            + "; scopes: " + String.join(" ", client.scopes()) + ")");
        if (registered.secret().isPresent() && !secretStdin) {
          out.println("client_secret: " + registered.secret().get());
          out.println("The secret is shown only now; Gatehouse keeps only a hash of it.");
        }
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered clients.")
  static final class ListClients implements Callable<Integer> {
    private final CliContext context;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "one JSON array, for scripts")
    boolean json;

    ListClients(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (CliContext.Session session = context.open(out)) {
        List<RegisteredClient> clients = session.components().clients.list();
        if (json) {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (RegisteredClient c : clients) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("client_id", c.clientId());
            row.put("client_name", c.clientName());
            row.put("client_type", c.clientType().name().toLowerCase(Locale.ROOT));
            row.put("redirect_uris", c.redirectUris());
            row.put("grant_types", c.grantTypes());
            row.put("scope", String.join(" ", c.scopes()));
            row.put("token_endpoint_auth_method", c.tokenEndpointAuthMethod());
            row.put("first_party", c.firstParty());
            row.put("id_token_signed_response_alg", c.idTokenSignedResponseAlg());
            if (c.jwksUri() != null) {
              row.put("jwks_uri", c.jwksUri());
            }
            row.put("allowed_cors_origins", c.allowedCorsOrigins());
            row.put("created_at", c.createdAt().toString());
            rows.add(row);
          }
          out.println(CliJson.write(rows));
        } else {
          out.printf("%-32s %-12s %-40s %s%n", "CLIENT_ID", "TYPE", "GRANT_TYPES", "REDIRECT_URIS");
          for (RegisteredClient c : clients) {
            out.printf("%-32s %-12s %-40s %s%n", c.clientId(), c.clientType().name().toLowerCase(Locale.ROOT),
                String.join(",", c.grantTypes()), String.join(" ", c.redirectUris()));
          }
        }
      }
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a client.")
  static final class Delete implements Callable<Integer> {
    private final CliContext context;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "client_id")
    String clientId;

    Delete(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (CliContext.Session session = context.open(out)) {
        if (!session.components().clients.delete(clientId)) {
          throw new CommandFailure("no client '" + clientId + "'", GatehouseCommand.EXIT_FAILED);
        }
        out.println("Deleted client " + clientId);
      }
      return 0;
    }
  }

  @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
      description = "Give a confidential client a new secret (printed once); the old one stops working.")
  static final class RotateSecret implements Callable<Integer> {
    private final CliContext context;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "client_id")
    String clientId;

    @Option(names = "--secret-stdin", description = "read the new secret from standard input")
    boolean secretStdin;

    RotateSecret(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Optional<String> given = secretStdin
          ? Optional.of(new String(context.readSecretLine("client secret"))) : Optional.empty();
      PrintWriter out = spec.commandLine().getOut();
      try (CliContext.Session session = context.open(out)) {
        String secret = session.components().clients.rotateSecret(clientId, given);
        out.println("Rotated the secret of client " + clientId);
        if (!secretStdin) {
          out.println("client_secret: " + secret);
          out.println("The secret is shown only now; Gatehouse keeps only a hash of it.");
        }
      }
      return 0;
    }
  }
}
