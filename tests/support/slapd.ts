import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Attribute, Change, Client } from "ldapts";

/**
 * A throw-away OpenLDAP server (Debian's slapd) on a free loopback port, shaped like KIT's Active
 * Directory as far as sign-in cares: people with mail and displayName, groups whose members get
 * `memberOf` (memberof overlay).
 */
export type Slapd = { url: string; baseDn: string; adminDn: string; adminPassword: string; stop: () => Promise<void> };

export type LdapPerson = { uid: string; password: string; name: string; mail: string; groups: string[] };

const baseDn = "dc=example,dc=org";
const adminDn = `cn=admin,${baseDn}`;
const adminPassword = "ldap-admin-secret";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export async function startSlapd(people: LdapPerson[]): Promise<Slapd> {
  if (!existsSync("/usr/sbin/slapd"))
    throw new Error("slapd is not installed: apt-get install -y slapd (npm test's prerequisite check does)");
  const dir = mkdtempSync(path.join(tmpdir(), "brs-slapd-"));
  mkdirSync(path.join(dir, "db"));
  const pidFile = path.join(dir, "slapd.pid");
  writeFileSync(
    path.join(dir, "slapd.conf"),
    `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload memberof
pidfile ${pidFile}
database mdb
suffix "${baseDn}"
rootdn "${adminDn}"
rootpw ${adminPassword}
directory ${path.join(dir, "db")}
maxsize 10485760
overlay memberof
memberof-group-oc groupOfNames
memberof-member-ad member
memberof-memberof-ad memberOf
`,
  );
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  // slapd daemonises itself; it is stopped through its PID file.
  execFileSync("/usr/sbin/slapd", ["-f", path.join(dir, "slapd.conf"), "-h", `${url}/`], { stdio: "pipe" });

  const stop = async () => {
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, "utf8").trim());
      try {
        process.kill(pid, "SIGTERM");
        for (let i = 0; i < 50 && existsSync(pidFile); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await populate(url, people);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, baseDn, adminDn, adminPassword, stop };
}

async function populate(url: string, people: LdapPerson[]): Promise<void> {
  const client = new Client({ url, timeout: 5000, connectTimeout: 5000 });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await client.bind(adminDn, adminPassword);
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    await client.add(baseDn, { objectClass: ["top", "dcObject", "organization"], dc: "example", o: "Example" });
    await client.add(`ou=people,${baseDn}`, { objectClass: ["organizationalUnit"], ou: "people" });
    await client.add(`ou=groups,${baseDn}`, { objectClass: ["organizationalUnit"], ou: "groups" });
    for (const person of people) {
      const [givenName, ...rest] = person.name.split(" ");
      await client.add(`uid=${person.uid},ou=people,${baseDn}`, {
        objectClass: ["inetOrgPerson"],
        uid: person.uid,
        cn: person.name,
        sn: rest.join(" ") || givenName,
        givenName,
        displayName: person.name,
        mail: person.mail,
        userPassword: person.password,
      });
    }
    // Groups after the people, with slapd running: that is when the overlay writes memberOf.
    const groups = [...new Set(people.flatMap((person) => person.groups))];
    for (const group of groups) {
      const members = people
        .filter((person) => person.groups.includes(group))
        .map((person) => `uid=${person.uid},ou=people,${baseDn}`);
      await client.add(`cn=${group},ou=groups,${baseDn}`, {
        objectClass: ["groupOfNames"],
        cn: group,
        member: members[0],
      });
      if (members.length > 1) {
        await client.modify(`cn=${group},ou=groups,${baseDn}`, [
          new Change({ operation: "add", modification: new Attribute({ type: "member", values: members.slice(1) }) }),
        ]);
      }
    }
  } finally {
    await client.unbind();
  }
}
