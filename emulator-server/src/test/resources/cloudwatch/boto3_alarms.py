# CloudWatch alarms through boto3 (JSON 1.0): every line printed is checked by CloudWatchBoto3IT.
import json
import sys

import boto3
import botocore

endpoint = sys.argv[1]
session = dict(endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='test',
               aws_secret_access_key='test')
cw = boto3.client('cloudwatch', **session)
sns = boto3.client('sns', **session)
sqs = boto3.client('sqs', **session)

topic = sns.create_topic(Name='alarms')['TopicArn']
queue = sqs.create_queue(QueueName='alarm-inbox')['QueueUrl']
queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
sns.subscribe(TopicArn=topic, Protocol='sqs', Endpoint=queue_arn, Attributes={'RawMessageDelivery': 'true'})

cw.put_metric_alarm(AlarmName='py-cpu', AlarmDescription='CPU too high', Namespace='Py', MetricName='CPU',
                    Dimensions=[{'Name': 'Host', 'Value': 'a'}], Statistic='Average', Period=60,
                    EvaluationPeriods=3, DatapointsToAlarm=2, Threshold=80.0,
                    ComparisonOperator='GreaterThanOrEqualToThreshold', TreatMissingData='notBreaching',
                    AlarmActions=[topic], Tags=[{'Key': 'team', 'Value': 'ops'}])
cw.put_metric_alarm(AlarmName='py-ratio', EvaluationPeriods=1, Threshold=0.5,
                    ComparisonOperator='GreaterThanThreshold',
                    Metrics=[{'Id': 'e', 'Expression': 'errors / requests', 'Label': 'ratio', 'ReturnData': True},
                             {'Id': 'errors', 'ReturnData': False, 'MetricStat': {'Metric': {
                                 'Namespace': 'Py', 'MetricName': 'Errors'}, 'Period': 60, 'Stat': 'Sum'}},
                             {'Id': 'requests', 'ReturnData': False, 'MetricStat': {'Metric': {
                                 'Namespace': 'Py', 'MetricName': 'Requests'}, 'Period': 60, 'Stat': 'Sum'}}])
cw.put_composite_alarm(AlarmName='py-both', AlarmRule='ALARM("py-cpu") AND ALARM(py-ratio)')

alarms = cw.describe_alarms(AlarmNamePrefix='py-', AlarmTypes=['MetricAlarm', 'CompositeAlarm'])
print('metric', sorted(a['AlarmName'] for a in alarms['MetricAlarms']))
print('composite', [a['AlarmName'] for a in alarms['CompositeAlarms']], alarms['CompositeAlarms'][0]['AlarmRule'])
print('state', alarms['MetricAlarms'][0]['StateValue'])

for_metric = cw.describe_alarms_for_metric(Namespace='Py', MetricName='CPU', Dimensions=[{'Name': 'Host', 'Value': 'a'}])
print('for-metric', [a['AlarmName'] for a in for_metric['MetricAlarms']])

cw.set_alarm_state(AlarmName='py-cpu', StateValue='ALARM', StateReason='testing the action')
alarm = cw.describe_alarms(AlarmNames=['py-cpu'])['MetricAlarms'][0]
print('set', alarm['StateValue'], alarm['StateReason'])

received = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=10)['Messages'][0]
notification = json.loads(received['Body'])
print('notification', notification['AlarmName'], notification['NewStateValue'], notification['OldStateValue'],
      notification['NewStateReason'], notification['Region'], notification['Trigger']['MetricName'])

history = cw.describe_alarm_history(AlarmName='py-cpu', HistoryItemType='StateUpdate')['AlarmHistoryItems']
print('history', history[0]['HistorySummary'])

arn = alarm['AlarmArn']
cw.tag_resource(ResourceARN=arn, Tags=[{'Key': 'tier', 'Value': 'web'}])
cw.untag_resource(ResourceARN=arn, TagKeys=['team'])
print('tags', cw.list_tags_for_resource(ResourceARN=arn)['Tags'])

cw.disable_alarm_actions(AlarmNames=['py-cpu'])
print('actions', cw.describe_alarms(AlarmNames=['py-cpu'])['MetricAlarms'][0]['ActionsEnabled'])
cw.enable_alarm_actions(AlarmNames=['py-cpu'])

for bad in [dict(AlarmName='py-bad', Namespace='Py', MetricName='CPU', Statistic='Average', Period=45,
                 EvaluationPeriods=1, Threshold=1.0, ComparisonOperator='GreaterThanThreshold'),
            dict(AlarmName='py-bad', EvaluationPeriods=1, Threshold=1.0, ComparisonOperator='GreaterThanThreshold',
                 Metrics=[{'Id': 'e', 'Expression': 'errors *', 'ReturnData': True}])]:
    try:
        cw.put_metric_alarm(**bad)
    except botocore.exceptions.ClientError as e:
        print('error', e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])
try:
    cw.put_composite_alarm(AlarmName='py-broken', AlarmRule='ALARM(py-cpu) AND')
except botocore.exceptions.ClientError as e:
    print('error', e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])

cw.delete_alarms(AlarmNames=['py-both'])
cw.delete_alarms(AlarmNames=['py-cpu', 'py-ratio'])
print('left', len(cw.describe_alarms(AlarmNamePrefix='py-')['MetricAlarms']))
