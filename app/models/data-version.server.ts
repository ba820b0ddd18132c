// The public pages' data version: a number SQL triggers bump on every write to what those pages
// show (migration 0011), so that a cache in any process knows when its copy is out of date.
import type Database from "better-sqlite3";
import type { Db } from "~/utils/db.server";

const statements = new WeakMap<Database.Database, Database.Statement<[], number>>();

/** The current version; read on each request, hence one statement prepared per connection. */
export function publicDataVersion(db: Db): number {
  let statement = statements.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare<[], number>("SELECT public_version FROM data_version WHERE id = 1").pluck();
    statements.set(db.$client, statement);
  }
  return statement.get() ?? 0;
}
