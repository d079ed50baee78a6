package io.jcharm.charms.mlflow;

import io.jcharm.relations.MysqlClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the tracking server keeps runs: sqlite on the mlflow-data storage, or MySQL. The MySQL
 * URI names no password: pymysql reads it from {@value #MY_CNF} ({@code read_default_file}),
 * so it is on no command line and in no environment.
 *
 * <pre>{@code
 * BackendStore.sqlite().uri();           // "sqlite:////var/lib/mlflow/mlflow.db"
 * BackendStore.mysql(db).uri();          // "mysql+pymysql://relation-7@host:3306/mlflow?read_default_file=/etc/mlflow/mysql.cnf"
 * }</pre>
 */
record BackendStore(String kind, String uri, Optional<MysqlClient> mysql) {
    static final String SQLITE = "sqlite";
    static final String MYSQL = "mysql";
    static final String DATA_DIR = "/var/lib/mlflow";
    static final String SQLITE_FILE = DATA_DIR + "/mlflow.db";
    static final String MY_CNF = "/etc/mlflow/mysql.cnf";

    static BackendStore sqlite() {
        return new BackendStore(SQLITE, "sqlite:///" + SQLITE_FILE, Optional.empty());
    }

    static BackendStore mysql(MysqlClient db) {
        String user = URLEncoder.encode(db.username(), StandardCharsets.UTF_8);
        String uri = "mysql+pymysql://" + user + "@" + db.host() + ":" + db.port() + "/"
                + (db.database().isEmpty() ? DatabaseComponent.DATABASE : db.database()) + "?read_default_file=" + MY_CNF;
        return new BackendStore(MYSQL, uri, Optional.of(db));
    }

    /** The option file pymysql reads the credentials from (the [client] group, as mysql's own tools do). */
    Optional<String> myCnf() {
        return mysql.map(db -> "[client]\nuser=" + db.username() + "\npassword=" + db.password() + "\n");
    }

    @Override
    public String toString() {
        return "BackendStore[" + uri + "]";
    }
}
