/**
 * The typed figures each stage of a night returns: the manifest is these records serialised with
 * Jackson (snake_case keys), and the report is built from the same records.
 */
package com.painpoint.jobs.results;
