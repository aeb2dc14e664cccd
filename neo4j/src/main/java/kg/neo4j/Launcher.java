package kg.neo4j;

import java.io.InputStream;
import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Local Neo4j 5 community database with a Bolt connector, for development and tests.
 *
 * <p>Usage: java -jar neo4j-launcher.jar --data DIR [--host 127.0.0.1] [--port 7687] [--pagecache 64m]
 *
 * <p>Auth is disabled: the connector listens on loopback only. Prints one line
 * {@code KG_NEO4J_READY bolt://host:port} once the default database is available (port 0 picks a
 * free port and the line gives the real one). Stops cleanly on SIGINT/SIGTERM and when standard
 * input closes, so a parent process that dies never leaves a database running.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    String data = null;
    String host = "127.0.0.1";
    int port = 7687;
    String pagecache = "64m";
    boolean watchStdin = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = args[++i];
        case "--host" -> host = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--pagecache" -> pagecache = args[++i];
        case "--no-stdin-watch" -> watchStdin = false;
        default -> fail("unknown argument " + args[i]);
      }
    }
    if (data == null) fail("--data DIR is required");

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(Path.of(data).toAbsolutePath())
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pagecache))
        .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
        .setConfig(GraphDatabaseSettings.keep_logical_logs, "keep_none")
        .build();

    Object lock = new Object();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      synchronized (lock) { dbms.shutdown(); }
    }, "kg-neo4j-shutdown"));

    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(120_000)) fail("database did not become available within 120 s");
    var ports = ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
    var bound = ports.getLocalAddress(ConnectorType.BOLT);
    System.out.println("KG_NEO4J_READY bolt://" + bound.getHost() + ":" + bound.getPort());
    System.out.flush();

    if (watchStdin) {
      // EOF on stdin means the parent is gone: exit (runs the shutdown hook).
      InputStream in = System.in;
      while (in.read() != -1) { /* ignore input */ }
      System.exit(0);
    } else {
      Thread.currentThread().join();
    }
  }

  private static long parseBytes(String s) {
    String v = s.trim().toLowerCase();
    long mult = 1;
    if (v.endsWith("k")) mult = 1L << 10;
    else if (v.endsWith("m")) mult = 1L << 20;
    else if (v.endsWith("g")) mult = 1L << 30;
    if (mult != 1) v = v.substring(0, v.length() - 1);
    return Long.parseLong(v) * mult;
  }

  private static void fail(String msg) {
    System.err.println("kg-neo4j: " + msg);
    System.exit(2);
  }
}
