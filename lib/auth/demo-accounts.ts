import "server-only";
/**
 * Accounts of the local identity provider (development, tests, demos). Passwords are public on
 * purpose: the sign-in page shows them. Never used when a real identity provider is configured.
 */
export type DemoAccount = {
  username: string;
  password: string;
  name: string;
  givenName: string;
  familyName: string;
  email: string;
  groups: string[];
  description: string;
};

export const demoAccounts: DemoAccount[] = [
  {
    username: "user",
    password: "user",
    name: "Ada Lovelace",
    givenName: "Ada",
    familyName: "Lovelace",
    email: "ada.lovelace@example.org",
    groups: ["users"],
    description: "proposer, PI of demo proposal 2026-0042",
  },
  {
    username: "user2",
    password: "user2",
    name: "Grace Hopper",
    givenName: "Grace",
    familyName: "Hopper",
    email: "grace.hopper@example.org",
    groups: ["users"],
    description: "another proposer, member of no proposal",
  },
  {
    username: "staff",
    password: "staff",
    name: "Sam Staff",
    givenName: "Sam",
    familyName: "Staff",
    email: "sam.staff@example.org",
    groups: ["users", "beamline-staff"],
    description: "beamline staff",
  },
  {
    username: "admin",
    password: "admin",
    name: "Alex Admin",
    givenName: "Alex",
    familyName: "Admin",
    email: "alex.admin@example.org",
    groups: ["users", "beamline-staff", "registry-admins"],
    description: "administrator",
  },
];
