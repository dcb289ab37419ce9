-- Analyst views over the published tables, run by warehouse/views.py after the tables are loaded.
-- A column that passes a table column through under its name takes that column's comment (warehouse/views.py);
-- every other column is commented here.
-- Table names are unqualified so the views bind in whatever catalog the file is opened as.
-- Each view has a total ORDER BY so the same warehouse always lists rows the same way.

CREATE VIEW v_quotes AS
SELECT
    q.quote_id,
    q.article_id,
    a.title AS article_title,
    a.published_at,
    -- Every article has a time axis: the stated publication time, else when the warehouse first loaded it.
    coalesce(a.published_at, a.first_seen_at) AS article_date,
    a.publisher,
    a.source_name,
    q.quote_text,
    q.kind,
    q.cue,
    q.speaker_text,
    q.speaker_entity_id,
    e.name AS speaker_name,
    e.label AS speaker_label,
    -- As the articles state it (entities.gender): the Gender Gap Tracker's question, per quote.
    e.gender AS speaker_gender,
    q.speaker_role,
    q.attribution,
    q.paragraph_index,
    q.start_char,
    q.end_char
FROM quotes AS q
JOIN articles AS a ON a.article_id = q.article_id AND a.duplicate_of IS NULL
LEFT JOIN entities AS e ON e.entity_id = q.speaker_entity_id
ORDER BY q.article_id, q.start_char, q.quote_id;

COMMENT ON VIEW v_quotes IS 'Quotes with the article title, publication time, article_date (publication time, else first seen), publisher, source and resolved speaker (name, label, gender as the articles state it, role at the quote; duplicate articles excluded).';
COMMENT ON COLUMN v_quotes.article_title IS 'articles.title: the headline of the quote''s article.';
COMMENT ON COLUMN v_quotes.article_date IS 'coalesce(published_at, first_seen_at) of the article: its publication time, else when the warehouse first loaded it.';
COMMENT ON COLUMN v_quotes.speaker_name IS 'entities.name of the resolved speaker; NULL when unresolved.';
COMMENT ON COLUMN v_quotes.speaker_label IS 'entities.label of the resolved speaker (PERSON, ORG, ...).';
COMMENT ON COLUMN v_quotes.speaker_gender IS 'entities.gender of the resolved speaker, as the articles state it (female, male, NULL).';

CREATE VIEW v_entity_mentions_per_article AS
SELECT
    m.article_id,
    a.title,
    coalesce(a.published_at, a.first_seen_at) AS article_date,
    a.publisher,
    a.source_name,
    m.entity_id,
    e.name AS entity_name,
    e.label,
    count(*) AS mention_count
FROM entity_mentions AS m
JOIN articles AS a ON a.article_id = m.article_id AND a.duplicate_of IS NULL
JOIN entities AS e ON e.entity_id = m.entity_id
GROUP BY m.article_id, a.title, a.published_at, a.first_seen_at, a.publisher, a.source_name, m.entity_id, e.name,
    e.label
ORDER BY m.article_id, mention_count DESC, m.entity_id;

COMMENT ON VIEW v_entity_mentions_per_article IS 'How often each entity is mentioned in each article, with the article_date (publication time, else first seen), publisher and source (duplicate articles excluded).';
COMMENT ON COLUMN v_entity_mentions_per_article.article_date IS 'coalesce(published_at, first_seen_at) of the article: its publication time, else when the warehouse first loaded it.';
COMMENT ON COLUMN v_entity_mentions_per_article.entity_name IS 'entities.name of the entity.';
COMMENT ON COLUMN v_entity_mentions_per_article.mention_count IS 'Mentions of the entity in this article.';

CREATE VIEW v_claims AS
SELECT
    c.claim_id,
    c.article_id,
    a.title AS article_title,
    a.published_at,
    -- Every article has a time axis: the stated publication time, else when the warehouse first loaded it.
    coalesce(a.published_at, a.first_seen_at) AS article_date,
    a.publisher,
    a.source_name,
    c.surface,
    c.value,
    c.value_low,
    c.value_high,
    c.unit,
    c.quantity_kind,
    c.currency,
    c.approximate,
    c.comparator,
    c.direction,
    c.change_kind,
    c.of_what,
    c.subject,
    c.time_text,
    c.quote_id,
    c.speaker_entity_id,
    e.name AS speaker_name,
    c.previous_claim_id,
    p.value AS previous_value,
    p.surface AS previous_surface,
    c.start_char,
    c.end_char
FROM numeric_claims AS c
JOIN articles AS a ON a.article_id = c.article_id AND a.duplicate_of IS NULL
LEFT JOIN entities AS e ON e.entity_id = c.speaker_entity_id
LEFT JOIN numeric_claims AS p ON p.claim_id = c.previous_claim_id
ORDER BY c.article_id, c.start_char, c.claim_id;

COMMENT ON VIEW v_claims IS 'Numeric claims with the article title, article_date (publication time, else first seen), publisher, source, the speaker name when someone said it, and the value it changed from (duplicate articles excluded).';
COMMENT ON COLUMN v_claims.article_title IS 'articles.title: the headline of the claim''s article.';
COMMENT ON COLUMN v_claims.article_date IS 'coalesce(published_at, first_seen_at) of the article: its publication time, else when the warehouse first loaded it.';
COMMENT ON COLUMN v_claims.speaker_name IS 'entities.name of who said or reported the number, when someone did.';
COMMENT ON COLUMN v_claims.previous_value IS 'value of the claim this one changed from (previous_claim_id).';
COMMENT ON COLUMN v_claims.previous_surface IS 'surface of the claim this one changed from (previous_claim_id).';

-- Who is quoted: one row per speaker entity (people, organisations, groups the model names), duplicate
-- articles excluded.
CREATE VIEW v_speakers AS
WITH roles AS (
    SELECT q.speaker_entity_id, q.speaker_role, count(*) AS uses
    FROM quotes AS q
    JOIN articles AS a ON a.article_id = q.article_id AND a.duplicate_of IS NULL
    WHERE q.speaker_role IS NOT NULL
    GROUP BY q.speaker_entity_id, q.speaker_role
    QUALIFY row_number() OVER (PARTITION BY q.speaker_entity_id ORDER BY uses DESC, q.speaker_role) = 1
)
SELECT
    e.entity_id,
    e.name,
    e.label,
    r.speaker_role AS role,
    e.gender,
    e.gender_evidence,
    count(*) AS quote_count,
    count(DISTINCT q.article_id) AS article_count,
    min(coalesce(a.published_at, a.first_seen_at)) AS first_article_date,
    max(coalesce(a.published_at, a.first_seen_at)) AS last_article_date
FROM quotes AS q
JOIN articles AS a ON a.article_id = q.article_id AND a.duplicate_of IS NULL
JOIN entities AS e ON e.entity_id = q.speaker_entity_id
LEFT JOIN roles AS r ON r.speaker_entity_id = e.entity_id
GROUP BY e.entity_id, e.name, e.label, r.speaker_role, e.gender, e.gender_evidence
ORDER BY quote_count DESC, e.entity_id;

COMMENT ON VIEW v_speakers IS 'Speakers: each person or organisation quoted, with the role the articles give them most often, their gender as the articles state it, how many quotes and articles, and the first and last article_date (duplicate articles excluded).';
COMMENT ON COLUMN v_speakers.role IS 'The role the articles give the speaker most often at their quotes (quotes.speaker_role).';
COMMENT ON COLUMN v_speakers.quote_count IS 'Quotes attributed to the speaker.';
COMMENT ON COLUMN v_speakers.article_count IS 'Articles in which the speaker is quoted.';
COMMENT ON COLUMN v_speakers.first_article_date IS 'Earliest article_date of an article quoting the speaker.';
COMMENT ON COLUMN v_speakers.last_article_date IS 'Latest article_date of an article quoting the speaker.';

-- Duplicates (same body under another id) would count one story twice.
CREATE VIEW v_top_entities AS
SELECT
    e.entity_id,
    e.name,
    e.label,
    count(DISTINCT m.article_id) AS article_count,
    count(*) AS mention_count
FROM entity_mentions AS m
JOIN articles AS a ON a.article_id = m.article_id AND a.duplicate_of IS NULL
JOIN entities AS e ON e.entity_id = m.entity_id
GROUP BY e.entity_id, e.name, e.label
ORDER BY article_count DESC, mention_count DESC, e.entity_id;

COMMENT ON VIEW v_top_entities IS 'Entities by the number of distinct (non-duplicate) articles that mention them.';
COMMENT ON COLUMN v_top_entities.article_count IS 'Distinct non-duplicate articles mentioning the entity.';
COMMENT ON COLUMN v_top_entities.mention_count IS 'Mentions of the entity in non-duplicate articles.';

-- What is in quarantine now: rows from the latest version of each file (a fixed file drops out).
CREATE VIEW v_quarantine AS
WITH latest_file AS (
    SELECT source_uri, max(run_id) AS run_id FROM files GROUP BY source_uri
)
SELECT
    q.reason_code,
    q.source_uri,
    q.record_key,
    q.stage,
    q.detail,
    q.quarantined_at,
    q.run_id
FROM quarantine AS q
JOIN latest_file AS f ON f.source_uri = q.source_uri AND f.run_id = q.run_id
ORDER BY q.reason_code, q.source_uri, q.record_key;

COMMENT ON VIEW v_quarantine IS 'Inputs quarantined in the latest version of their file, with the reason.';
