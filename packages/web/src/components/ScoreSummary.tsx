import { Card, Col, Input, Row, Statistic, Tag, Tooltip, Typography } from 'antd';
import { rowScoreTotal, statedTotalDifference, type Evaluation, type ScoreResult } from '@jixiao/core';
import type { Review } from '../lib/api.ts';
import { score } from '../lib/format.ts';

/**
 * 得分概览 — 自评得分 as stated, the score the framework's rules give (recomputed as you type),
 * the grades, and the 复核得分 beside them (never in their place).
 */
export function ScoreSummary({
  result,
  review,
  evaluation,
  editable = false,
  onStatedTotal,
}: {
  result: ScoreResult;
  review: Review | null;
  /** The draft as typed: the 自评得分 and its rows, ahead of the deferred `result`. */
  evaluation?: Evaluation;
  editable?: boolean;
  /** 改写自评得分: the raw text typed over the rows' total ('' returns to following the rows). */
  onStatedTotal?: (raw: string) => void;
}) {
  const rows = evaluation ? rowScoreTotal(evaluation) : null;
  const difference = evaluation ? statedTotalDifference(evaluation) : null;
  /** The 自评得分 is the rows' total (not typed over): the override box stays empty. */
  const following = rows?.total != null && !difference && evaluation?.statedTotal?.value != null;
  const gradeDiffers =
    result.statedGrade && result.computedGrade && result.gradeOfStatedTotal !== result.computedGrade;
  return (
    <Card size="small">
      <Row gutter={16}>
        <Col xs={12} md={5}>
          <div data-testid="stated-total">
            <Statistic
              title="自评得分（填报）"
              value={score(evaluation ? (evaluation.statedTotal?.value ?? null) : result.statedTotal)}
              suffix={result.statedGrade ? <Tag>{result.statedGrade}</Tag> : null}
            />
          </div>
          {editable && onStatedTotal && (
            <Input
              size="small"
              aria-label="改写自评得分"
              placeholder="按各项得分自动合计"
              value={following ? '' : (evaluation?.statedTotal?.raw ?? '')}
              onChange={(e) => onStatedTotal(e.target.value)}
              style={{ width: 150, marginTop: 4 }}
            />
          )}
          {rows && rows.total === null && rows.missing.length > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              还有 {rows.missing.length} 项未填得分，填完后自动合计
            </Typography.Text>
          )}
          {difference && (
            <Typography.Text
              type="danger"
              data-testid="total-difference"
              style={{ display: 'block', fontSize: 12 }}
            >
              填报 {score(difference.stated)} 分，各项得分合计 {score(difference.rows)} 分，相差{' '}
              {score(difference.difference)} 分
            </Typography.Text>
          )}
        </Col>
        <Col xs={12} md={5}>
          <Tooltip title={result.explanation.formula ?? result.explanation.summary}>
            <div data-testid="computed-total">
              <Statistic
                title={
                  result.totalIncomplete ? '规则得分（有指标无法判定，为下限）' : '规则得分（按评分规则复算）'
                }
                value={score(result.computedTotal)}
                valueStyle={{ color: gradeDiffers ? '#cf1322' : undefined }}
                suffix={result.computedGrade ? <Tag color="blue">{result.computedGrade}</Tag> : null}
              />
            </div>
          </Tooltip>
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="满分" value={score(result.maxTotal)} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title="复核得分（财政）"
            value={review?.review_total ? score(review.review_total) : '未复核'}
            valueStyle={{ fontSize: review?.review_total ? undefined : 16 }}
          />
        </Col>
        <Col xs={24} md={6}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            评分框架：{result.frameworkName}（
            {result.frameworkChosenBy === 'named'
              ? '指定'
              : result.frameworkChosenBy === 'detected'
                ? '自动识别'
                : '默认'}
            ，版本 {result.frameworkVersion}）
            <br />
            权重合计 {score(result.weightTotal)}
            {result.expectedWeightTotal ? ` / 应为 ${score(result.expectedWeightTotal)}` : ''}
          </Typography.Text>
        </Col>
      </Row>
    </Card>
  );
}
