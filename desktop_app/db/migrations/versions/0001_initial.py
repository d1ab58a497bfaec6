"""initial schema

Revision ID: 0001_initial
Revises: (none)
Create Date: 2026-11-25 19:51:43.414492
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001_initial'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('os_user', sa.String(length=100), nullable=False),
    sa.Column('officer', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=8), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_key', sa.String(length=100), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_project_id'), ['project_id'], unique=False)

    op.create_table('district_indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('no', sa.Integer(), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district_indicator')),
    sa.UniqueConstraint('no', name=op.f('uq_district_indicator_no'))
    )
    op.create_table('domain',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_domain')),
    sa.UniqueConstraint('code', name=op.f('uq_domain_code'))
    )
    op.create_table('plan_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('start_year', sa.Integer(), nullable=False),
    sa.Column('end_year', sa.Integer(), nullable=False),
    sa.CheckConstraint('end_year >= start_year', name=op.f('ck_plan_period_years_ordered')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_period')),
    sa.UniqueConstraint('code', name=op.f('uq_plan_period_code'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('zone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('role_zh', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zone')),
    sa.UniqueConstraint('code', name=op.f('uq_zone_code'))
    )
    op.create_table('district_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('base_year', sa.Integer(), nullable=True),
    sa.Column('base_value', sa.BigInteger(), nullable=True),
    sa.Column('target_value', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['district_indicator.id'], name=op.f('fk_district_target_indicator_id_district_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['period_id'], ['plan_period.id'], name=op.f('fk_district_target_period_id_plan_period'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district_target')),
    sa.UniqueConstraint('indicator_id', 'period_id', name=op.f('uq_district_target_indicator_id_period_id'))
    )
    op.create_table('district_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['district_indicator.id'], name=op.f('fk_district_value_indicator_id_district_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district_value')),
    sa.UniqueConstraint('indicator_id', 'year', name=op.f('uq_district_value_indicator_id_year'))
    )
    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('no', sa.Integer(), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('summary_zh', sa.Text(), nullable=False),
    sa.Column('zone_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('lead_org', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_project_dates_ordered')),
    sa.CheckConstraint('no > 0', name=op.f('ck_project_no_positive')),
    sa.ForeignKeyConstraint(['zone_id'], ['zone.id'], name=op.f('fk_project_zone_id_zone'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    sa.UniqueConstraint('name_zh', name=op.f('uq_project_name_zh')),
    sa.UniqueConstraint('no', name=op.f('uq_project_no'))
    )
    op.create_table('baseline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('set_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_baseline_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_baseline'))
    )
    with op.batch_alter_table('baseline', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_baseline_project_id'), ['project_id'], unique=False)

    op.create_table('disbursement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('doc_no', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount_fen > 0', name=op.f('ck_disbursement_amount_positive')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_disbursement_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disbursement'))
    )
    with op.batch_alter_table('disbursement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disbursement_project_id'), ['project_id'], unique=False)

    op.create_table('evaluation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('computed_grade', sa.String(length=1), nullable=False),
    sa.Column('grade', sa.String(length=1), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=False),
    sa.Column('evaluated_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_evaluation_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation')),
    sa.UniqueConstraint('project_id', 'year', name=op.f('uq_evaluation_project_id_year'))
    )
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_project_id'), ['project_id'], unique=False)

    op.create_table('funding_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('startup_grant_fen', sa.BigInteger(), nullable=False),
    sa.Column('startup_year', sa.Integer(), nullable=True),
    sa.Column('taper_mode', sa.String(length=16), nullable=False),
    sa.Column('first_year', sa.Integer(), nullable=False),
    sa.Column('years', sa.Integer(), nullable=False),
    sa.Column('first_amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('step_fen', sa.BigInteger(), nullable=True),
    sa.Column('rate', sa.BigInteger(), nullable=True),
    sa.Column('floor_fen', sa.BigInteger(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('first_amount_fen >= 0', name=op.f('ck_funding_plan_first_nonneg')),
    sa.CheckConstraint('floor_fen >= 0', name=op.f('ck_funding_plan_floor_nonneg')),
    sa.CheckConstraint('startup_grant_fen >= 0', name=op.f('ck_funding_plan_startup_nonneg')),
    sa.CheckConstraint('years BETWEEN 1 AND 15', name=op.f('ck_funding_plan_years_range')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_funding_plan_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_plan')),
    sa.UniqueConstraint('project_id', name=op.f('uq_funding_plan_project_id'))
    )
    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('weight', sa.BigInteger(), nullable=False),
    sa.Column('target', sa.BigInteger(), nullable=True),
    sa.Column('direction', sa.String(length=16), nullable=False),
    sa.Column('allow_negative', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_indicator_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('project_id', 'year', 'code', name=op.f('uq_indicator_project_id_year_code'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_project_id'), ['project_id'], unique=False)

    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('deliverable', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('planned_start', sa.Date(), nullable=True),
    sa.Column('planned_end', sa.Date(), nullable=False),
    sa.Column('baseline_start', sa.Date(), nullable=True),
    sa.Column('baseline_end', sa.Date(), nullable=True),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_end', sa.Date(), nullable=True),
    sa.Column('percent_complete', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('percent_complete BETWEEN 0 AND 100', name=op.f('ck_milestone_percent_range')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_milestone_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone')),
    sa.UniqueConstraint('project_id', 'code', name=op.f('uq_milestone_project_id_code'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_project_id'), ['project_id'], unique=False)

    op.create_table('project_domain',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('domain_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['domain_id'], ['domain.id'], name=op.f('fk_project_domain_domain_id_domain'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_domain_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'domain_id', name=op.f('pk_project_domain'))
    )
    op.create_table('baseline_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('baseline_id', sa.Integer(), nullable=False),
    sa.Column('milestone_id', sa.Integer(), nullable=False),
    sa.Column('planned_start', sa.Date(), nullable=True),
    sa.Column('planned_end', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['baseline_id'], ['baseline.id'], name=op.f('fk_baseline_item_baseline_id_baseline'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestone.id'], name=op.f('fk_baseline_item_milestone_id_milestone'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_baseline_item')),
    sa.UniqueConstraint('baseline_id', 'milestone_id', name=op.f('uq_baseline_item_baseline_id_milestone_id'))
    )
    op.create_table('evaluation_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('actual', sa.BigInteger(), nullable=True),
    sa.Column('score', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['evaluation_id'], ['evaluation.id'], name=op.f('fk_evaluation_item_evaluation_id_evaluation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_evaluation_item_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_item')),
    sa.UniqueConstraint('evaluation_id', 'indicator_id', name=op.f('uq_evaluation_item_evaluation_id_indicator_id'))
    )
    op.create_table('funding_year',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('manual_fixed_fen', sa.BigInteger(), nullable=True),
    sa.Column('reward_cap_fen', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['funding_plan.id'], name=op.f('fk_funding_year_plan_id_funding_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_year')),
    sa.UniqueConstraint('plan_id', 'year', name=op.f('uq_funding_year_plan_id_year'))
    )
    op.create_table('indicator_actual',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('ytd_value', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_indicator_actual_quarter_range')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_actual_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_actual')),
    sa.UniqueConstraint('indicator_id', 'quarter', name=op.f('uq_indicator_actual_indicator_id_quarter'))
    )
    op.create_table('startup_tranche',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('milestone_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestone.id'], name=op.f('fk_startup_tranche_milestone_id_milestone'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['plan_id'], ['funding_plan.id'], name=op.f('fk_startup_tranche_plan_id_funding_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_startup_tranche')),
    sa.UniqueConstraint('plan_id', 'seq', name=op.f('uq_startup_tranche_plan_id_seq'))
    )



def downgrade() -> None:
    
    op.drop_table('startup_tranche')
    op.drop_table('indicator_actual')
    op.drop_table('funding_year')
    op.drop_table('evaluation_item')
    op.drop_table('baseline_item')
    op.drop_table('project_domain')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_project_id'))

    op.drop_table('milestone')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_project_id'))

    op.drop_table('indicator')
    op.drop_table('funding_plan')
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_project_id'))

    op.drop_table('evaluation')
    with op.batch_alter_table('disbursement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disbursement_project_id'))

    op.drop_table('disbursement')
    with op.batch_alter_table('baseline', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_baseline_project_id'))

    op.drop_table('baseline')
    op.drop_table('project')
    op.drop_table('district_value')
    op.drop_table('district_target')
    op.drop_table('zone')
    op.drop_table('setting')
    op.drop_table('plan_period')
    op.drop_table('domain')
    op.drop_table('district_indicator')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_project_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')

