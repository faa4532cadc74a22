import GRDB

/// The schema, as numbered migrations: applied in order, each once, each in its own
/// transaction (GRDB's `DatabaseMigrator` records them in `grdb_migrations`). Never edit a
/// migration that has shipped; add the next number.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("001-results") { db in
            try db.create(table: "hardwareSnapshot") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .datetime).notNull()
                t.column("board", .text)
                t.column("profile", .text)
                t.column("architecture", .text)
                t.column("document", .jsonText).notNull()  // the `hw --json` document
            }
            try db.create(table: "model") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("sha256", .text).notNull().unique()
                t.column("fileBytes", .integer).notNull()
            }
            try db.create(table: "variant") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("model", onDelete: .cascade).notNull()
                t.column("precision", .text).notNull()
                t.column("computePrecision", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("fileBytes", .integer).notNull()
                t.column("macs", .integer)
                t.uniqueKey(["modelId", "sha256"])
            }
            try db.create(table: "benchRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .datetime).notNull()
                t.belongsTo("hardwareSnapshot").notNull()
                t.belongsTo("variant").notNull()
                t.column("p50Ms", .double).notNull()
                t.column("p99Ms", .double).notNull()
                t.column("throughputPerSec", .double).notNull()
                t.column("watts", .double)
                t.column("joulesPerInference", .double)
                t.column("dynamicJoulesPerInference", .double)
                t.column("energySource", .text).notNull()
                t.column("energyUncertaintyPercent", .double)
                t.column("top1", .double)
                t.column("result", .jsonText).notNull()  // the whole variant row of `bench --json`
                t.column("conditions", .jsonText).notNull()
            }
            // Room for the policy and fleet issues: decisions with their reason, and reports
            // not yet delivered.
            try db.create(table: "decision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .datetime).notNull()
                t.belongsTo("variant")
                t.column("reason", .text).notNull()
                t.column("detail", .jsonText)
            }
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .datetime).notNull()
                t.column("kind", .text).notNull()
                t.column("payload", .jsonText).notNull()
                t.column("deliveredAt", .datetime)
            }
        }
        // What the policy needs of a run as columns (filled for older runs from their JSON), where a
        // built variant came from, and decisions with their candidate, watts and inputs.
        migrator.registerMigration("002-candidates-decisions") { db in
            try db.alter(table: "variant") { t in
                t.add(column: "derivedFromSHA256", .text)
            }
            try db.alter(table: "benchRun") { t in
                t.add(column: "threads", .integer)
                t.add(column: "powerMode", .text)
                t.add(column: "idleWatts", .double)
                t.add(column: "agreementWithFP32", .double)
                t.add(column: "peakRSSBytes", .integer)
            }
            try db.execute(sql: """
                UPDATE benchRun SET threads = json_extract(conditions, '$.threads'), powerMode = json_extract(conditions, '$.powerMode'),
                  idleWatts = json_extract(result, '$.idleWatts'), agreementWithFP32 = json_extract(result, '$.agreementWithFP32'),
                  peakRSSBytes = json_extract(result, '$.peakRSSBytes')
                """)
            try db.alter(table: "decision") { t in
                t.add(column: "model", .text)
                t.add(column: "code", .text)
                t.add(column: "candidate", .text)
                t.add(column: "precision", .text)
                t.add(column: "threads", .integer)
                t.add(column: "powerMode", .text)
                t.add(column: "predictedWatts", .double)
                t.add(column: "budgetWatts", .double)
                t.add(column: "rateHz", .double)
            }
            try db.create(index: "decisionByModel", on: "decision", columns: ["model", "id"])
        }
        // Fleet reporting: the outbox's payload sizes and its index in delivery order, what each
        // endpoint last saw, and what the bounds folded or dropped.
        migrator.registerMigration("003-outbox") { db in
            try db.alter(table: "outbox") { t in
                t.add(column: "bytes", .integer).notNull().defaults(to: 0)
                t.add(column: "folded", .boolean).notNull().defaults(to: false)
            }
            try db.create(index: "outboxPending", on: "outbox", columns: ["kind", "deliveredAt", "id"])
            try db.create(table: "outboxEndpoint") { t in
                t.primaryKey("name", .text)
                t.column("delivered", .integer).notNull().defaults(to: 0)
                t.column("rejected", .integer).notNull().defaults(to: 0)
                t.column("lastSuccessAt", .datetime)
                t.column("lastFailureAt", .datetime)
                t.column("lastError", .text)
                t.column("lastRejection", .text)
            }
            try db.create(table: "outboxLoss") { t in
                t.primaryKey("kind", .text)
                t.column("foldedRows", .integer).notNull().defaults(to: 0)
                t.column("droppedRows", .integer).notNull().defaults(to: 0)
            }
        }
        return migrator
    }
}
