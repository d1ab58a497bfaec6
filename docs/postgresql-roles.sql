-- Roles and privileges for a shared key-projects database on PostgreSQL.
-- See docs/postgresql.md. Run as a superuser, connected to the key_projects database:
--     psql -h dbserver -U postgres -d key_projects -f postgresql-roles.sql
-- Replace the three passwords first. A test runs this very file (tests/test_postgres_roles.py).

-- kp_owner owns the tables: IT uses it for the first start (`key-projects init`) and
-- after each upgrade of the app, when the schema migrates. Officers never need it.
CREATE ROLE kp_owner LOGIN PASSWORD 'owner-password';
-- Project officers (项目专员): read and write the portfolio.
CREATE ROLE kp_officer LOGIN PASSWORD 'officer-password';
-- Managers (科室负责人/分管领导): read only; the app opens read-only with a banner.
CREATE ROLE kp_manager LOGIN PASSWORD 'manager-password';

ALTER DATABASE key_projects OWNER TO kp_owner;
REVOKE ALL ON DATABASE key_projects FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE key_projects TO kp_owner, kp_officer, kp_manager;
ALTER SCHEMA public OWNER TO kp_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO kp_officer, kp_manager;

-- Tables the app creates from now on (first start, later upgrades), as kp_owner:
ALTER DEFAULT PRIVILEGES FOR ROLE kp_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kp_officer;
ALTER DEFAULT PRIVILEGES FOR ROLE kp_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO kp_officer;
ALTER DEFAULT PRIVILEGES FOR ROLE kp_owner IN SCHEMA public
    GRANT SELECT ON TABLES TO kp_manager;

-- Tables that exist already (a database filled by `key-projects copy`, an older set-up):
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO kp_officer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO kp_officer;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO kp_manager;
